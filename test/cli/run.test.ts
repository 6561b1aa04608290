import { describe, expect, it } from 'vitest';
import { CRASH, received, SKIP, UNPARSEABLE } from './test-transforms';
import { listTree, makeTree, parseJson, read, readBytes, runIn, statuses } from './helpers';

/** The stylish row under a would-change file of the test umbrella (one changed line: line 1). */
const row = (file: string): string =>
  `  1:1  error  otel-codemod add-guards would rewrite this file from here (line 1). Run \`npx otel-codemod add-guards ${file}\`, review the change and commit it.  otel-codemod/add-guards\n`;

const project = (): string =>
  makeTree({
    'src/a.ts': 'const a = OLD;\n',
    'src/b.js': 'const b = 1;\n',
    'src/c.mjs': `// ${SKIP}\n`,
    'src/d.tsx': 'export const d = <div>{OLD}</div>;\n',
  });

describe('writing', () => {
  it('rewrites changed files, reports them, and exits 0', async () => {
    const root = project();
    const out = await runIn(root, ['add-guards', 'src']);
    expect(out.code).toBe(0);
    expect(read(root, 'src/a.ts')).toBe('const a = NEW;\n');
    expect(read(root, 'src/d.tsx')).toBe('export const d = <div>{NEW}</div>;\n');
    expect(read(root, 'src/b.js')).toBe('const b = 1;\n');
    expect(out.stdout).toMatch(/^changed: src\/a\.ts\nchanged: src\/d\.tsx\n/);
    expect(out.stdout).toMatch(/^otel-codemod add-guards: 2 changed, 1 unchanged, 1 skipped, 0 errors \(\d+\.\ds\)\n$/m);
    expect(out.stderr).toBe('');
  });

  it('exits 0 when nothing needs changing', async () => {
    const root = makeTree({ 'a.ts': 'fine\n' });
    const out = await runIn(root, ['add-guards', '.']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^otel-codemod add-guards: 0 changed, 1 unchanged, 0 skipped, 0 errors/);
  });

  it('passes the absolute path and { settings } to the transform', async () => {
    const root = makeTree({ 'src/a.ts': 'OLD' });
    await runIn(root, ['replace-old', 'src/a.ts']);
    expect(received).toEqual([{ path: `${root}/src/a.ts`, source: 'OLD' }]);
  });
});

describe('--dry and --check', () => {
  it('--dry computes, writes nothing, exits 0', async () => {
    const root = project();
    const before = listTree(root).map((p) => [p, p.includes('.') ? read(root, p) : '']);
    const out = await runIn(root, ['add-guards', '--dry', 'src']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`would change: src/a.ts\n${row('src/a.ts')}would change: src/d.tsx\n${row('src/d.tsx')}`);
    expect(out.stdout).toContain('otel-codemod add-guards --dry: 2 would change, 1 unchanged, 1 skipped, 0 errors');
    expect(listTree(root).map((p) => [p, p.includes('.') ? read(root, p) : ''])).toEqual(before);
  });

  it('--check exits 1 without writing and says how to fix', async () => {
    const root = project();
    const out = await runIn(root, ['add-guards', '--check', 'src/a.ts', 'src/b.js', 'src/d.tsx']);
    expect(out.code).toBe(1);
    expect(read(root, 'src/a.ts')).toBe('const a = OLD;\n');
    expect(read(root, 'src/d.tsx')).toBe('export const d = <div>{OLD}</div>;\n');
    expect(out.stdout).toContain(`would change: src/a.ts\n${row('src/a.ts')}would change: src/d.tsx\n${row('src/d.tsx')}`);
    expect(out.stdout).toContain('otel-codemod add-guards --check: 2 would change');
    expect(out.stderr).toContain('commit / CI check is blocked');
    expect(out.stderr).toContain('npx otel-codemod add-guards src/a.ts src/d.tsx');
  });

  it('--check names the transform that ran, and quotes paths for the shell', async () => {
    const root = makeTree({ "it's here.ts": 'OLD' });
    const out = await runIn(root, ['replace-old', '--check', '.']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`npx otel-codemod replace-old 'it'\\''s here.ts'`);
  });

  it('--check with many files suggests the paths that were given', async () => {
    const files = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`src/f${i}.ts`, 'OLD']));
    const root = makeTree(files);
    const out = await runIn(root, ['add-guards', '--check', 'src']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('25 files would change');
    expect(out.stderr).toContain('npx otel-codemod add-guards src\n');
  });

  it('--check exits 0 when nothing would change', async () => {
    const root = makeTree({ 'a.ts': 'fine' });
    const out = await runIn(root, ['add-guards', '--check', 'a.ts']);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
  });
});

describe('--quiet', () => {
  it('prints nothing for a successful run', async () => {
    const root = project();
    const out = await runIn(root, ['add-guards', '--quiet', 'src']);
    expect(out).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(read(root, 'src/a.ts')).toBe('const a = NEW;\n');
  });

  it('with --check prints only the would-change lines', async () => {
    const root = project();
    const out = await runIn(root, ['add-guards', '--check', '-q', 'src']);
    expect(out).toEqual({ code: 1, stdout: `would change: src/a.ts\n${row('src/a.ts')}would change: src/d.tsx\n${row('src/d.tsx')}`, stderr: '' });
  });

  it('still prints errors', async () => {
    const root = makeTree({ 'a.ts': UNPARSEABLE, 'b.ts': 'OLD' });
    const out = await runIn(root, ['add-guards', '--quiet', '.']);
    expect(out).toEqual({ code: 3, stdout: '', stderr: 'error: a.ts: Unexpected token (1:4)\n' });
  });
});

describe('--verbose', () => {
  it('says which files were unchanged or skipped, and why', async () => {
    const root = makeTree({ 'a.ts': 'fine', 'b.ts': SKIP, 'README.md': 'OLD' });
    const out = await runIn(root, ['add-guards', '--verbose', 'a.ts', 'b.ts', 'README.md']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('unchanged: a.ts\n');
    expect(out.stderr).toContain('skipped: b.ts\n');
    expect(out.stderr).toContain('skipped: README.md (extension not in --extensions)\n');
    expect(read(root, 'README.md')).toBe('OLD');
  });
});

describe('files that cannot be processed', () => {
  it('a parse error is named with its reason, the file is left byte-identical, the rest is written, exit 3', async () => {
    const broken = Buffer.from(`const x = OLD;\r\n${UNPARSEABLE} (\n`);
    const root = makeTree({ 'src/a.ts': 'OLD', 'src/broken.ts': broken, 'src/z.ts': 'OLD' });
    const out = await runIn(root, ['add-guards', 'src']);
    expect(out.code).toBe(3);
    expect(out.stderr).toContain('error: src/broken.ts: Unexpected token (1:4)\n');
    expect(readBytes(root, 'src/broken.ts').equals(broken)).toBe(true);
    expect(read(root, 'src/a.ts')).toBe('NEW');
    expect(read(root, 'src/z.ts')).toBe('NEW');
    expect(out.stdout).toContain('otel-codemod add-guards: 2 changed, 0 unchanged, 0 skipped, 1 error (');
  });

  it('a crashing transform is reported with the error name, and the run continues', async () => {
    const root = makeTree({ 'a.ts': `OLD ${CRASH}`, 'b.ts': 'OLD' });
    const out = await runIn(root, ['add-guards', '.']);
    expect(out.code).toBe(3);
    expect(out.stderr).toBe('error: a.ts: TypeError: cannot read properties of undefined\n');
    expect(read(root, 'a.ts')).toBe(`OLD ${CRASH}`);
    expect(read(root, 'b.ts')).toBe('NEW');
  });

  it('a transform returning something other than a string is an error', async () => {
    const root = makeTree({ 'a.ts': 'OLD' });
    const out = await runIn(root, ['returns-number', 'a.ts']);
    expect(out.code).toBe(3);
    expect(out.stderr).toContain('error: a.ts: transform returns-number returned number, not a string');
    expect(read(root, 'a.ts')).toBe('OLD');
  });

  it('a path that does not exist is an error; the others are still processed', async () => {
    const root = makeTree({ 'a.ts': 'OLD' });
    const out = await runIn(root, ['add-guards', 'missing.ts', 'a.ts']);
    expect(out.code).toBe(3);
    expect(out.stderr).toContain('error: missing.ts: ENOENT: no such file or directory\n');
    expect(read(root, 'a.ts')).toBe('NEW');
  });

  it('a file that is not valid UTF-8 is reported and left byte-identical', async () => {
    const latin1 = Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0x0a, 0x4f, 0x4c, 0x44, 0x0a]); // "// é\nOLD\n" in Latin-1
    const root = makeTree({ 'a.js': latin1 });
    const out = await runIn(root, ['add-guards', 'a.js']);
    expect(out.code).toBe(3);
    expect(out.stderr).toBe('error: a.js: not valid UTF-8 text\n');
    expect(readBytes(root, 'a.js').equals(latin1)).toBe(true);
  });

  it('errors win over --check findings: exit 3', async () => {
    const root = makeTree({ 'a.ts': 'OLD', 'b.ts': UNPARSEABLE });
    const out = await runIn(root, ['add-guards', '--check', '.']);
    expect(out.code).toBe(3);
    expect(out.stdout).toContain('would change: a.ts');
  });
});

describe('--json', () => {
  it('prints one parseable document, nothing else on stdout, with the right statuses', async () => {
    const root = makeTree({
      'src/a.ts': 'OLD',
      'src/b.ts': 'fine',
      'src/c.ts': SKIP,
      'src/d.ts': UNPARSEABLE,
      'notes.txt': 'OLD',
    });
    const out = await runIn(root, ['add-guards', '--json', 'src', 'notes.txt', 'gone.ts']);
    expect(out.code).toBe(3);
    const report = parseJson(out.stdout);
    expect(report).toMatchObject({ transform: 'add-guards', dry: false, check: false });
    expect(report.files).toEqual([
      { path: 'gone.ts', status: 'error', error: 'ENOENT: no such file or directory' },
      { path: 'notes.txt', status: 'skipped', reason: 'extension not in --extensions' },
      { path: 'src/a.ts', status: 'changed' },
      { path: 'src/b.ts', status: 'unchanged' },
      { path: 'src/c.ts', status: 'skipped' },
      { path: 'src/d.ts', status: 'error', error: 'Unexpected token (1:4)' },
    ]);
    expect(report.summary).toMatchObject({ changed: 1, unchanged: 1, skipped: 2, errors: 2 });
    expect(report.summary.durationMs).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(report.summary.durationMs)).toBe(true);
    // errors are also on stderr, for logs
    expect(out.stderr).toContain('error: src/d.ts: Unexpected token (1:4)');
    expect(read(root, 'src/a.ts')).toBe('NEW');
  });

  it('--json --check: dry, exit 1, "changed" means would change', async () => {
    const root = makeTree({ 'a.ts': 'OLD' });
    const out = await runIn(root, ['add-guards', '--json', '--check', 'a.ts']);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('');
    const report = parseJson(out.stdout);
    expect(report).toMatchObject({ dry: true, check: true });
    expect(statuses(report)).toEqual({ 'a.ts': 'changed' });
    expect(read(root, 'a.ts')).toBe('OLD');
  });

  it('--json --dry reports dry: true', async () => {
    const root = makeTree({ 'a.ts': 'OLD' });
    const report = parseJson((await runIn(root, ['add-guards', '--json', '--dry', 'a.ts'])).stdout);
    expect(report).toMatchObject({ dry: true, check: false });
    expect(read(root, 'a.ts')).toBe('OLD');
  });

  it('--json --diff puts each diff in its file entry', async () => {
    const root = makeTree({ 'a.ts': 'x\nOLD\n' });
    const out = await runIn(root, ['add-guards', '--json', '--diff', '--dry', 'a.ts']);
    const [file] = parseJson(out.stdout).files;
    expect(file?.diff).toContain('@@ -1,2 +1,2 @@');
    expect(file?.diff).toContain('-OLD\n+NEW\n');
  });
});

describe('--diff', () => {
  it('prints a unified diff with a/ and b/ paths and still writes', async () => {
    const root = makeTree({ 'src/a.ts': 'line 1\nconst a = OLD;\nline 3\n' });
    const out = await runIn(root, ['add-guards', '--diff', 'src']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,3 +1,3 @@\n line 1\n-const a = OLD;\n+const a = NEW;\n line 3\n');
    expect(read(root, 'src/a.ts')).toBe('line 1\nconst a = NEW;\nline 3\n');
  });

  it('with --dry prints the diff and writes nothing', async () => {
    const root = makeTree({ 'a.ts': 'OLD\n' });
    const out = await runIn(root, ['add-guards', '--diff', '--dry', 'a.ts']);
    expect(out.stdout).toContain('@@ -1,1 +1,1 @@\n-OLD\n+NEW\n');
    expect(read(root, 'a.ts')).toBe('OLD\n');
  });

  it('with --check prints the diff, exits 1, writes nothing', async () => {
    const root = makeTree({ 'a.ts': 'OLD\n' });
    const out = await runIn(root, ['add-guards', '--diff', '--check', 'a.ts']);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('-OLD\n+NEW\n');
    expect(read(root, 'a.ts')).toBe('OLD\n');
  });

  it('prints nothing for unchanged files', async () => {
    const root = makeTree({ 'a.ts': 'fine\n' });
    const out = await runIn(root, ['add-guards', '--diff', 'a.ts']);
    expect(out.stdout).not.toContain('@@');
  });
});

describe('progress display', () => {
  const many = (): string => makeTree(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${String(i).padStart(2, '0')}.ts`, 'OLD'])));

  it('on a TTY, for more than 20 files: one line redrawn with \\r, cleared at the end', async () => {
    const out = await runIn(many(), ['add-guards', '.'], { isTTY: true });
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('\r\x1b[Kotel-codemod add-guards: 30/30 files (100%)');
    expect(out.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(out.stderr).not.toContain('\n');
  });

  it('never on a non-TTY', async () => {
    const out = await runIn(many(), ['add-guards', '.'], { isTTY: false });
    expect(out.stderr).toBe('');
  });

  it('not with --quiet', async () => {
    const out = await runIn(many(), ['add-guards', '--quiet', '.'], { isTTY: true });
    expect(out.stderr).toBe('');
  });

  it('not for 20 files or fewer', async () => {
    const root = makeTree(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.ts`, 'OLD'])));
    const out = await runIn(root, ['add-guards', '.'], { isTTY: true });
    expect(out.stderr).toBe('');
  });
});

describe('determinism', () => {
  it('results are sorted by path whatever the argument order', async () => {
    const files = { 'b/z.ts': 'OLD', 'a/y.ts': 'OLD', 'c.ts': 'OLD', 'a/x.ts': 'OLD' };
    const one = await runIn(makeTree(files), ['add-guards', '--dry', '--json', 'c.ts', 'b', 'a']);
    const two = await runIn(makeTree(files), ['add-guards', '--dry', '--json', 'a', 'b', 'c.ts']);
    expect(parseJson(one.stdout).files.map((f) => f.path)).toEqual(['a/x.ts', 'a/y.ts', 'b/z.ts', 'c.ts']);
    expect(parseJson(two.stdout).files).toEqual(parseJson(one.stdout).files);
  });

  it('a file named twice (or through a directory and by name) is processed once', async () => {
    const root = makeTree({ 'src/a.ts': 'OLD' });
    const out = await runIn(root, ['add-guards', '--json', 'src', 'src/a.ts', `${root}/src/a.ts`]);
    expect(parseJson(out.stdout).files).toEqual([{ path: 'src/a.ts', status: 'changed' }]);
    expect(received).toHaveLength(1);
  });
});
