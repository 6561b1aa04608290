import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSIONS, parseCliArgs, UsageError } from '../../src/cli/args';
import packageJson from '../../package.json';
import { makeTree, read, runIn } from './helpers';

describe('parseCliArgs', () => {
  it('reads the command, the paths and every flag', () => {
    const args = parseCliArgs([
      'add-guards',
      'src',
      'lib/a.ts',
      '--dry',
      '--check',
      '--diff',
      '--json',
      '--quiet',
      '--verbose',
      '--extensions=.TS,tsx',
      '--extensions',
      'mts',
      '--ignore',
      'dist/',
      '--ignore=*.gen.ts',
      '--jobs',
      '3',
    ]);
    expect(args).toMatchObject({
      command: 'add-guards',
      paths: ['src', 'lib/a.ts'],
      dry: true,
      check: true,
      diff: true,
      json: true,
      quiet: true,
      verbose: true,
      ignore: ['dist/', '*.gen.ts'],
      jobs: 3,
    });
    expect([...args.extensions]).toEqual(['ts', 'tsx', 'mts']);
  });

  it('defaults: all eight extensions including mts and cts, jobs = CPUs, no flags', () => {
    const args = parseCliArgs(['add-guards', '.']);
    expect([...args.extensions].sort()).toEqual([...DEFAULT_EXTENSIONS].sort());
    expect(args.extensions.has('mts') && args.extensions.has('cts')).toBe(true);
    expect(args.jobs).toBeGreaterThanOrEqual(1);
    expect(args).toMatchObject({ dry: false, check: false, diff: false, json: false, quiet: false, ignore: [] });
  });

  it('takes paths after -- even when they look like flags', () => {
    expect(parseCliArgs(['add-guards', '--', '--weird.ts']).paths).toEqual(['--weird.ts']);
  });

  it.each([
    [['add-guards', '--dyr', 'src'], /Unknown option '--dyr'/],
    [['add-guards', 'src', '--jobs'], /--jobs/],
    [['add-guards', 'src', '--jobs', '0'], /--jobs must be a whole number/],
    [['add-guards', 'src', '--jobs', '-2'], /--jobs/],
    [['add-guards', 'src', '--jobs', 'many'], /--jobs must be a whole number/],
    [['add-guards', 'src', '--jobs', '1.5'], /--jobs must be a whole number/],
    [['add-guards', 'src', '--extensions', ','], /--extensions needs at least one/],
    [['add-guards', 'src', '--extensions', 'ts,*'], /'\*' is not a file extension/],
    [['add-guards', 'src', '--ignore', ''], /--ignore needs a non-empty pattern/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('usage errors exit 2 and write nothing', () => {
  it.each([
    ['an unknown flag', ['add-guards', 'a.ts', '--frobnicate'], /Unknown option '--frobnicate'/],
    ['no paths', ['add-guards'], /no paths given/],
    ['no command', [], /missing command/],
    ['a bad --jobs', ['add-guards', 'a.ts', '--jobs', '0'], /--jobs must be a whole number/],
    ['a missing --jobs value', ['add-guards', 'a.ts', '--jobs'], /--jobs/],
    ['arguments to list', ['list', 'extra'], /list takes no arguments/],
  ])('%s', async (_name, argv, message) => {
    const root = makeTree({ 'a.ts': 'OLD' });
    const out = await runIn(root, argv);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe('');
    expect(read(root, 'a.ts')).toBe('OLD');
  });

  it('an unknown transform prints the list of transforms', async () => {
    const root = makeTree({ 'a.ts': 'OLD' });
    const out = await runIn(root, ['add-gaurds', 'a.ts']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("unknown transform 'add-gaurds'");
    expect(out.stderr).toMatch(/^add-guards\s{2,}test umbrella: replaces OLD with NEW$/m);
    expect(out.stderr).toMatch(/^replace-old\s{2,}replaces OLD with NEW$/m);
    expect(read(root, 'a.ts')).toBe('OLD');
  });

  it('inherited object keys are not transforms', async () => {
    const root = makeTree({ 'a.ts': 'OLD' });
    expect((await runIn(root, ['toString', 'a.ts'])).code).toBe(2);
    expect((await runIn(root, ['__proto__', 'a.ts'])).code).toBe(2);
  });
});

describe('informational commands', () => {
  it('--help prints the synopsis, every flag and the exit codes', async () => {
    const out = await runIn(makeTree({}), ['--help']);
    expect(out.code).toBe(0);
    for (const text of ['otel-codemod add-guards <paths...>', 'otel-codemod <transform> <paths...>', 'otel-codemod list']) {
      expect(out.stdout).toContain(text);
    }
    for (const flag of ['--dry', '--check', '--diff', '--json', '--extensions', '--ignore', '--jobs', '--quiet', '--help', '--version']) {
      expect(out.stdout).toContain(flag);
    }
    expect(out.stdout).toContain('js,jsx,mjs,cjs,ts,tsx,mts,cts');
    expect(out.stdout).toMatch(/^ {2}3 {2}some files could not be processed/m);
  });

  it('-h works with a command too', async () => {
    const out = await runIn(makeTree({}), ['add-guards', '-h']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Usage:');
  });

  it('--version prints the package version', async () => {
    const out = await runIn(makeTree({}), ['--version']);
    expect(out).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('list prints one line per transform: name, two spaces, description', async () => {
    const out = await runIn(makeTree({}), ['list']);
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n')).toEqual([
      'add-guards      test umbrella: replaces OLD with NEW',
      'replace-old     replaces OLD with NEW',
      'returns-number  a broken transform that returns a number',
      '',
    ]);
  });

  it('list --json is machine-readable', async () => {
    const out = await runIn(makeTree({}), ['list', '--json']);
    expect(JSON.parse(out.stdout)).toContainEqual({ name: 'replace-old', description: 'replaces OLD with NEW', rule: 'no-old', languages: ['javascript'] });
  });

  // doctor is implemented in src/doctor (its own tests: test/doctor/); here only that the command is wired in.
  it('doctor runs on the current directory', async () => {
    const out = await runIn(makeTree({}), ['doctor']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('No problems found.');
  });
});
