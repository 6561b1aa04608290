// The runtime-proof apps stay usable as codemod fixtures: every `after` has the same files as
// its `before`, differs from it, parses, and every app is run by a runtime proof.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const apps = join(__dirname, 'apps');
const scenarios = readdirSync(apps, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const runtimeSources = readdirSync(join(__dirname, 'runtime'))
  .map((f) => readFileSync(join(__dirname, 'runtime', f), 'utf8'))
  .join('\n');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

const hasPython = (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('python runtime apps', () => {
  it('has the scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
  });

  it.runIf(hasPython)('every .py file parses (python3 ast.parse)', () => {
    const files = filesUnder(apps).filter((f) => f.endsWith('.py')).map((f) => join(apps, f));
    expect(files.length).toBeGreaterThan(40);
    const script = 'import ast, sys\nfor path in sys.argv[1:]:\n    ast.parse(open(path, encoding="utf-8").read(), path)';
    expect(() => execFileSync('python3', ['-c', script, ...files], { stdio: 'pipe' })).not.toThrow();
  });

  for (const scenario of scenarios) {
    describe(scenario, () => {
      const before = join(apps, scenario, 'before');
      const after = join(apps, scenario, 'after');

      it('has a before/ with a Procfile, and is run by a runtime proof', () => {
        expect(existsSync(join(before, 'Procfile'))).toBe(true);
        expect(runtimeSources).toContain(`'${scenario}/before'`);
      });

      it.runIf(existsSync(after))('after/ has the files of before/, is run by a proof, and changes something', () => {
        expect(filesUnder(after)).toEqual(filesUnder(before));
        expect(runtimeSources).toContain(`'${scenario}/after'`);
        const changed = filesUnder(before).filter((f) => readFileSync(join(before, f), 'utf8') !== readFileSync(join(after, f), 'utf8'));
        expect(changed.length).toBeGreaterThan(0);
      });
    });
  }
});
