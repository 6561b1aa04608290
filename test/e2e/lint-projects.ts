// Shared by the oxlint and ESLint --concurrency end-to-end tests: the projects they lint
// (each example app, each case of the shared corpus when ../shared is there) and ESLint's
// reports in one comparable shape.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { root } from '../package/build';

export const EXAMPLES = path.join(root, 'examples');
export const CORPUS = path.resolve(root, '..', 'shared', 'corpus', 'cases');

/** `examples/<app>` and, when present, `../shared/corpus/cases/<case>`: name → directory. */
export function lintProjects(): { name: string; dir: string }[] {
  const list = (base: string, prefix: string) =>
    readdirSync(base, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => ({ name: `${prefix}/${entry.name}`, dir: path.join(base, entry.name) }));
  const projects = list(EXAMPLES, 'examples');
  if (existsSync(CORPUS)) projects.push(...list(CORPUS, 'corpus'));
  else console.log(`shared corpus not found at ${CORPUS}: comparing on examples/ only`);
  return projects;
}

/** One report, as both linters can give it. Columns 1-based. */
export interface Report {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly message: string;
}

export function reportKey(r: Report): string {
  return `${r.file}:${r.line}:${r.column} ${r.rule} ${r.message}`;
}

export function sortReports(reports: readonly Report[]): Report[] {
  return [...reports].sort((a, b) => (reportKey(a) < reportKey(b) ? -1 : reportKey(a) > reportKey(b) ? 1 : 0));
}

interface EslintResult {
  readonly filePath: string;
  readonly messages: readonly { ruleId: string | null; line: number; column: number; message: string; fatal?: boolean }[];
}

/** ESLint results (API or `--format json`) as reports, paths relative to `cwd`; fatal parse errors throw. */
export function fromEslint(results: readonly EslintResult[], cwd: string): Report[] {
  return results.flatMap((result) =>
    result.messages.map((m) => {
      if (m.fatal || m.ruleId === null) throw new Error(`${result.filePath}: ${m.message}`);
      return { file: path.relative(cwd, result.filePath).split(path.sep).join('/'), line: m.line, column: m.column, rule: m.ruleId, message: m.message };
    }),
  );
}
