import { lstatSync, mkdirSync, readlinkSync, realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectFiles } from '../../src/cli/files';
import { DEFAULT_EXTENSIONS } from '../../src/cli/args';
import { listTree, makeTree, parseJson, read, runIn, statuses, tempDir, writeTree } from './helpers';

const defaults = { extensions: new Set(DEFAULT_EXTENSIONS), ignore: [] };

/** The display paths selectFiles would process. */
function selected(cwd: string, paths: string[], options: { extensions?: string[]; ignore?: string[] } = {}): string[] {
  return selectFiles(paths, {
    cwd,
    extensions: options.extensions ? new Set(options.extensions) : defaults.extensions,
    ignore: options.ignore ?? [],
  }).targets.map((target) => target.displayPath);
}

describe('extensions', () => {
  it('by default processes js, jsx, mjs, cjs, ts, tsx, mts, cts and py, and nothing else', async () => {
    const exts = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts', 'py', 'json', 'md', 'es6', 'vue', 'd'];
    const root = makeTree(Object.fromEntries(exts.map((ext) => [`src/f.${ext}`, 'OLD'])));
    const out = await runIn(root, ['add-guards', 'src']);
    expect(out.code).toBe(0);
    expect(DEFAULT_EXTENSIONS).toContain('py');
    for (const ext of DEFAULT_EXTENSIONS.filter((e) => e !== 'py')) expect(read(root, `src/f.${ext}`)).toBe('NEW');
    for (const ext of ['json', 'md', 'es6', 'vue', 'd']) expect(read(root, `src/f.${ext}`)).toBe('OLD');
    expect(out.stdout).toContain('8 changed');
    // the test registry has no Python entry: the .py file is selected and skipped; other types are not even counted
    expect(read(root, 'src/f.py')).toBe('OLD');
    expect(out.stdout).toContain('1 skipped');
  });

  it('--extensions limits the run, e.g. to mts,cts', async () => {
    const root = makeTree({ 'a.mts': 'OLD', 'b.cts': 'OLD', 'c.ts': 'OLD', 'd.js': 'OLD' });
    const out = await runIn(root, ['add-guards', '--extensions=mts,cts', '.']);
    expect(out.code).toBe(0);
    expect([read(root, 'a.mts'), read(root, 'b.cts'), read(root, 'c.ts'), read(root, 'd.js')]).toEqual(['NEW', 'NEW', 'OLD', 'OLD']);
  });

  it('--extensions accepts dots and upper case, and matches extensions case-insensitively', () => {
    const root = makeTree({ 'A.TS': '', 'b.vue': '', 'c.js': '' });
    expect(selected(root, ['.'], { extensions: ['ts', 'vue'] })).toEqual(['A.TS', 'b.vue']);
  });

  it('an explicitly named file with another extension is skipped quietly (exit 0); --verbose says why', async () => {
    const root = makeTree({ 'README.md': 'OLD', 'a.ts': 'OLD' });
    const quiet = await runIn(root, ['add-guards', '--dry', 'README.md', 'a.ts']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toContain('1 would change, 0 unchanged, 1 skipped');
    const verbose = await runIn(root, ['add-guards', '--verbose', 'README.md', 'a.ts']);
    expect(verbose.stderr).toContain('skipped: README.md (extension not in --extensions)');
    expect(read(root, 'README.md')).toBe('OLD');
    expect(read(root, 'a.ts')).toBe('NEW');
  });
});

describe('each file once', () => {
  it('overlapping folders on the command line list each file once, sorted', () => {
    const root = makeTree({ 'src/a/x.ts': '', 'src/y.ts': '', 'lib/z.js': '' });
    expect(selected(root, ['src/a', 'src', 'lib', '.'])).toEqual(['lib/z.js', 'src/a/x.ts', 'src/y.ts']);
  });

  it('a file named twice, and again inside a folder named beside it, is listed once', () => {
    const root = makeTree({ 'src/a/x.ts': '', 'src/y.ts': '' });
    expect(selected(root, ['src/y.ts', './src/y.ts', 'src'])).toEqual(['src/a/x.ts', 'src/y.ts']);
  });
});

describe('node_modules and .git are never touched', () => {
  const tree = (): string =>
    makeTree({
      'src/a.ts': 'OLD',
      'node_modules/pkg/index.js': 'OLD',
      'src/node_modules/inner/x.ts': 'OLD',
      '.git/hooks/pre-commit.js': 'OLD',
      'src/.git/x.ts': 'OLD',
    });
  const untouched = ['node_modules/pkg/index.js', 'src/node_modules/inner/x.ts', '.git/hooks/pre-commit.js', 'src/.git/x.ts'];

  it('when walking directories', async () => {
    const root = tree();
    const out = await runIn(root, ['add-guards', '.']);
    expect(out.code).toBe(0);
    expect(read(root, 'src/a.ts')).toBe('NEW');
    for (const file of untouched) expect(read(root, file)).toBe('OLD');
  });

  it('even when named explicitly, as files or directories, relative or absolute', async () => {
    const root = tree();
    const named = [...untouched, 'node_modules', '.git', 'src/node_modules/inner', `${root}/node_modules/pkg/index.js`];
    const out = await runIn(root, ['add-guards', '--json', ...named]);
    expect(out.code).toBe(0);
    const report = parseJson(out.stdout);
    expect(report.files.every((file) => file.status === 'skipped')).toBe(true);
    expect(report.files.find((file) => file.path === 'node_modules/pkg/index.js')?.reason).toBe('inside node_modules, which is never touched');
    expect(report.files.find((file) => file.path === '.git')?.reason).toBe('inside .git, which is never touched');
    for (const file of untouched) expect(read(root, file)).toBe('OLD');
  });

  it('not through a symlink into node_modules either', async () => {
    const root = tree();
    symlinkSync(path.join(root, 'node_modules/pkg/index.js'), path.join(root, 'src/linked.js'));
    const out = await runIn(root, ['add-guards', '--json', 'src', 'src/linked.js']);
    expect(statuses(parseJson(out.stdout))).toEqual({ 'src/a.ts': 'changed', 'src/linked.js': 'skipped' });
    expect(read(root, 'node_modules/pkg/index.js')).toBe('OLD');
  });
});

describe('symbolic links', () => {
  it('a symlinked file pointing outside the root is not written, and its target is unchanged', async () => {
    const outside = makeTree({ 'secret.ts': 'OLD' });
    const root = makeTree({ 'src/a.ts': 'OLD' });
    symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'src/escape.ts'));
    const out = await runIn(root, ['add-guards', '--json', 'src']);
    expect(out.code).toBe(0);
    const report = parseJson(out.stdout);
    expect(statuses(report)).toEqual({ 'src/a.ts': 'changed', 'src/escape.ts': 'skipped' });
    expect(report.files[1]?.reason).toMatch(/^symbolic link to .*secret\.ts, outside /);
    expect(read(outside, 'secret.ts')).toBe('OLD');
    expect(lstatSync(path.join(root, 'src/escape.ts')).isSymbolicLink()).toBe(true);
  });

  it('the same when the link is named explicitly (its root is the directory holding it)', async () => {
    const outside = makeTree({ 'secret.ts': 'OLD' });
    const root = makeTree({});
    symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'escape.ts'));
    const out = await runIn(root, ['add-guards', 'escape.ts', path.join(root, 'escape.ts')]);
    expect(out.code).toBe(0);
    expect(read(outside, 'secret.ts')).toBe('OLD');
  });

  it('a relative link that climbs out of the root is caught too', async () => {
    const parent = makeTree({ 'shared/util.ts': 'OLD', 'app/src/a.ts': 'OLD' });
    symlinkSync('../../shared/util.ts', path.join(parent, 'app/src/util.ts'));
    await runIn(path.join(parent, 'app'), ['add-guards', 'src']);
    expect(read(parent, 'shared/util.ts')).toBe('OLD');
    expect(read(parent, 'app/src/a.ts')).toBe('NEW');
  });

  it('a symlinked file inside the root: the target is written once and the link stays a link', async () => {
    const root = makeTree({ 'src/real.ts': 'OLD' });
    symlinkSync('real.ts', path.join(root, 'src/alias.ts'));
    const out = await runIn(root, ['add-guards', '--json', 'src/alias.ts', 'src']);
    expect(parseJson(out.stdout).files).toEqual([{ path: 'src/alias.ts', status: 'changed' }]);
    expect(read(root, 'src/real.ts')).toBe('NEW');
    expect(lstatSync(path.join(root, 'src/alias.ts')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(root, 'src/alias.ts'))).toBe('real.ts');
  });

  it('a symlinked directory pointing out of the root is not followed', async () => {
    const outside = makeTree({ 'lib/x.ts': 'OLD', 'lib/deep/y.js': 'OLD' });
    const root = makeTree({ 'src/a.ts': 'OLD' });
    symlinkSync(path.join(outside, 'lib'), path.join(root, 'src/vendor'));
    const out = await runIn(root, ['add-guards', '--json', '.']);
    expect(statuses(parseJson(out.stdout))).toEqual({ 'src/a.ts': 'changed' });
    expect(read(outside, 'lib/x.ts')).toBe('OLD');
    expect(read(outside, 'lib/deep/y.js')).toBe('OLD');
  });

  it('a symlinked directory inside the root is not followed either (its files are reached by their real path)', () => {
    const root = makeTree({ 'src/lib/x.ts': '' });
    symlinkSync('lib', path.join(root, 'src/again'));
    symlinkSync('.', path.join(root, 'src/loop'));
    expect(selected(root, ['.'])).toEqual(['src/lib/x.ts']);
  });

  it('a symlinked file met in one walk beside its target is listed once, by one of its two names', () => {
    const root = makeTree({ 'src/real.ts': '', 'src/other.ts': '' });
    symlinkSync('real.ts', path.join(root, 'src/alias.ts'));
    const targets = selectFiles(['src'], { cwd: root, ...defaults }).targets;
    expect(targets.map((t) => t.realPath).sort()).toEqual([path.join(realpathSync(root), 'src/other.ts'), path.join(realpathSync(root), 'src/real.ts')]);
    expect(['src/alias.ts', 'src/real.ts']).toContain(targets.find((t) => t.displayPath !== 'src/other.ts')?.displayPath);
  });

  it('a symlinked directory named on the command line is a root of its own', async () => {
    const elsewhere = makeTree({ 'x.ts': 'OLD' });
    const root = makeTree({});
    symlinkSync(elsewhere, path.join(root, 'linked'));
    const out = await runIn(root, ['add-guards', 'linked']);
    expect(out.stdout).toContain('changed: linked/x.ts');
    expect(read(elsewhere, 'x.ts')).toBe('NEW');
  });

  it('a broken symlink named explicitly is an error; found while walking, it is ignored', async () => {
    const root = makeTree({ 'a.ts': 'OLD' });
    symlinkSync('nowhere.ts', path.join(root, 'broken.ts'));
    const walked = await runIn(root, ['add-guards', '--dry', '.']);
    expect(walked.code).toBe(0);
    const named = await runIn(root, ['add-guards', '--dry', 'broken.ts']);
    expect(named.code).toBe(3);
    expect(named.stderr).toBe('error: broken.ts: broken symbolic link\n');
  });
});

describe('.gitignore', () => {
  const repo = (): string => {
    const root = makeTree({
      '.gitignore': 'dist/\n*.gen.ts\n/top-only.ts\n',
      'src/a.ts': 'OLD',
      'src/types.gen.ts': 'OLD',
      'src/top-only.ts': 'OLD',
      'top-only.ts': 'OLD',
      'dist/out.js': 'OLD',
      'src/legacy/.gitignore': '*\n!keep.ts\n!.gitignore\n',
      'src/legacy/old.ts': 'OLD',
      'src/legacy/keep.ts': 'OLD',
      'build/.gitignore': 'ignored.ts\n',
      'build/ignored.ts': 'OLD',
      'build/kept.ts': 'OLD',
    });
    mkdirSync(path.join(root, '.git'));
    return root;
  };

  it('root and nested .gitignore files are honoured the way git does', () => {
    expect(selected(repo(), ['.'])).toEqual(['build/kept.ts', 'src/a.ts', 'src/legacy/keep.ts', 'src/top-only.ts']);
  });

  it('explicitly named gitignored files and directories are skipped', async () => {
    const root = repo();
    const named = ['src/types.gen.ts', 'dist/out.js', 'dist', 'top-only.ts', 'src/legacy/old.ts', 'build/ignored.ts', 'src/a.ts'];
    const out = await runIn(root, ['add-guards', '--json', ...named]);
    expect(out.code).toBe(0);
    const report = parseJson(out.stdout);
    expect(statuses(report)).toEqual({
      'build/ignored.ts': 'skipped',
      dist: 'skipped',
      'dist/out.js': 'skipped',
      'src/a.ts': 'changed',
      'src/legacy/old.ts': 'skipped',
      'src/types.gen.ts': 'skipped',
      'top-only.ts': 'skipped',
    });
    expect(report.files[0]?.reason).toBe('ignored by .gitignore');
    for (const file of ['src/types.gen.ts', 'dist/out.js', 'top-only.ts', 'src/legacy/old.ts', 'build/ignored.ts']) {
      expect(read(root, file)).toBe('OLD');
    }
  });

  it('a file inside an ignored directory cannot be re-included by name', () => {
    const root = makeTree({ '.gitignore': 'gen/\n', 'gen/.gitignore': '!x.ts\n', 'gen/x.ts': '' });
    mkdirSync(path.join(root, '.git'));
    expect(selected(root, ['gen/x.ts', 'gen', '.'])).toEqual([]);
  });

  it('the repository root .gitignore applies when a subdirectory is given, or run from one', () => {
    const root = repo();
    expect(selected(root, ['src'])).toEqual(['src/a.ts', 'src/legacy/keep.ts', 'src/top-only.ts']);
    expect(selected(path.join(root, 'src'), ['.', '../dist/out.js'])).toEqual(['a.ts', 'legacy/keep.ts', 'top-only.ts']);
  });

  it('.git/info/exclude is honoured', () => {
    const root = repo();
    writeTree(root, { '.git/info/exclude': 'src/a.ts\n' });
    expect(selected(root, ['src'])).toEqual(['src/legacy/keep.ts', 'src/top-only.ts']);
  });

  it('.gitignore files above the repository are not used', () => {
    const outer = makeTree({ '.gitignore': '*.ts\n', 'project/a.ts': '' });
    mkdirSync(path.join(outer, 'project/.git'));
    expect(selected(path.join(outer, 'project'), ['.'])).toEqual(['a.ts']);
  });

  it('outside a git repository, the .gitignore files from the working directory down are used', () => {
    const outer = makeTree({ '.gitignore': '*.ts\n', 'project/.gitignore': 'b.ts\n', 'project/a.ts': '', 'project/b.ts': '' });
    expect(selected(path.join(outer, 'project'), ['.'])).toEqual(['a.ts']);
  });
});

describe('--ignore', () => {
  it('takes gitignore-style patterns relative to the working directory, repeatable', async () => {
    const root = makeTree({
      'src/a.ts': 'OLD',
      'src/a.test.ts': 'OLD',
      'src/legacy/b.ts': 'OLD',
      'scripts/c.ts': 'OLD',
      'lib/legacy/d.ts': 'OLD',
    });
    const out = await runIn(root, ['add-guards', '--ignore', '*.test.ts', '--ignore=src/legacy/', '--ignore', 'scripts', '.']);
    expect(out.code).toBe(0);
    expect(read(root, 'src/a.ts')).toBe('NEW');
    expect(read(root, 'lib/legacy/d.ts')).toBe('NEW'); // anchored pattern: only src/legacy
    for (const file of ['src/a.test.ts', 'src/legacy/b.ts', 'scripts/c.ts']) expect(read(root, file)).toBe('OLD');
  });

  it('applies to explicitly named files and their directories', async () => {
    const root = makeTree({ 'src/gen/a.ts': 'OLD', 'src/b.ts': 'OLD' });
    const out = await runIn(root, ['add-guards', '--json', '--ignore', 'gen/', 'src/gen/a.ts', 'src/b.ts']);
    const report = parseJson(out.stdout);
    expect(report.files).toEqual([
      { path: 'src/b.ts', status: 'changed' },
      { path: 'src/gen/a.ts', status: 'skipped', reason: 'matches --ignore' },
    ]);
  });

  it('works for files outside the working directory', () => {
    const outside = makeTree({ 'x.gen.ts': '', 'y.ts': '' });
    const cwd = tempDir();
    expect(selected(cwd, [outside], { ignore: ['*.gen.ts'] })).toEqual([path.join(outside, 'y.ts')]);
  });
});

describe('file lists from pre-commit and lint-staged', () => {
  it('many explicit absolute paths work, including spaces and files in dot-directories', async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`pkg ${i % 3}/src/f${i}.ts`, i % 2 ? 'OLD' : 'ok']));
    const root = makeTree({ ...files, '.config/otel.ts': 'OLD' });
    const paths = [...Object.keys(files), '.config/otel.ts'].map((rel) => path.join(root, rel));
    const out = await runIn(root, ['add-guards', '--check', ...paths]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('21 would change, 20 unchanged, 0 skipped, 0 errors');
    expect(out.stdout).toContain('would change: .config/otel.ts');
    expect(out.stdout).toContain('would change: pkg 1/src/f1.ts');
  });

  it('paths outside the working directory are shown absolute', async () => {
    const elsewhere = makeTree({ 'x.ts': 'OLD' });
    const out = await runIn(tempDir(), ['add-guards', path.join(elsewhere, 'x.ts')]);
    expect(out.stdout).toContain(`changed: ${path.join(elsewhere, 'x.ts')}\n`);
    expect(read(elsewhere, 'x.ts')).toBe('NEW');
  });

  it('nothing but the named files is created or removed', async () => {
    const root = makeTree({ 'a.ts': 'OLD', 'b.ts': 'OLD', 'c.md': 'x' });
    const before = listTree(root);
    await runIn(root, ['add-guards', 'a.ts', 'b.ts', 'c.md']);
    expect(listTree(root)).toEqual(before);
  });
});

describe('running from inside node_modules', () => {
  it('touches nothing, even with .', async () => {
    const root = makeTree({ 'node_modules/pkg/a.js': 'OLD' });
    const out = await runIn(path.join(root, 'node_modules/pkg'), ['add-guards', '--json', '.', 'a.js']);
    expect(out.code).toBe(0);
    expect(parseJson(out.stdout).files.map((file) => file.status)).toEqual(['skipped', 'skipped']);
    expect(read(root, 'node_modules/pkg/a.js')).toBe('OLD');
  });
});
