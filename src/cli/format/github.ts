// GitHub Actions workflow commands: one `::error …::` / `::warning …::` / `::notice …::`
// line per problem, which the runner turns into annotations on the pull request's diff.
import type { Problem, ProblemReport, ProblemSeverity } from './problem';
import { sortProblems } from './problem';

const COMMAND: Record<ProblemSeverity, string> = { error: 'error', warning: 'warning', note: 'notice' };

export function formatGithub(report: ProblemReport): string {
  const lines = sortProblems(report.problems).map(annotation);
  for (const error of report.errors) lines.push(command('error', { file: error.file, title: 'otel-codemod: file not processed' }, error.message));
  return lines.map((line) => `${line}\n`).join('');
}

function annotation(problem: Problem): string {
  const properties = {
    file: problem.file,
    line: String(problem.line),
    col: String(problem.column),
    endLine: String(problem.endLine),
    endColumn: String(problem.endColumn),
    title: problem.ruleId,
  };
  const message = problem.helpUri === undefined ? problem.message : `${problem.message}\n${problem.helpUri}`;
  return command(COMMAND[problem.severity], properties, message);
}

function command(name: string, properties: Readonly<Record<string, string>>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',');
  return `::${name} ${props}::${escapeData(message)}`;
}

/** The message part: `%`, CR and LF are encoded (the runner decodes them; a raw newline would end the command). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which separate the command's parts. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
