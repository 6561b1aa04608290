// A doctor report as a ProblemReport: one problem per finding, at its first location, the
// other locations as related ones. Doctor locations are relative to the doctor's root;
// reporters want them relative to the working directory.
import path from 'node:path';
import type { DoctorFinding as Finding, DoctorReport } from '../../doctor/types';
import { doctorDocsUrl, ruleDocsUrl } from '../format/links';
import type { Problem, ProblemReport, ProblemSeverity, Region, RuleDescriptor } from '../format/problem';
import { readRegularFile } from '../../project/files';
import { reportPath } from './paths';

/** One line per finding code, for SARIF's rule list (the full table is docs/doctor.md). */
const DESCRIPTIONS: Readonly<Record<Finding['code'], string>> = {
  'duplicate-registration': 'Two files reached by one process register the same OpenTelemetry global; the second registration is silently ignored',
  'preload-and-code-sdk': 'A process preloads an SDK and code it reaches starts another; the code SDK silently fails to register',
  'duplicate-api-copies': 'More than one @opentelemetry/api is installed; each copy has its own global registry',
  'mismatched-api-copy': 'An OpenTelemetry package loads an @opentelemetry/api outside its peer range',
  'mixed-sdk-generations': 'SDK packages from more than one generation (1.x, 2.x, 3.x) are installed',
  'dev-entrypoint': 'Files that count as dev entrypoints (restarted by a watcher), and why',
  'unresolved-entrypoint': 'An entry module that resolves to no source file, so it is not followed',
  'unreadable-file': 'A reached file that could not be read or parsed; its registrations are unknown',
  'analysis-failed': "otel-safe's own analysis failed on a reached file (a bug to report); its registrations are unknown",
  python: 'A Python check reported on a file a Python process of the project runs',
};

const LEVEL: Readonly<Record<Finding['severity'], ProblemSeverity>> = { error: 'error', warning: 'warning', info: 'note' };

export function doctorProblemReport(report: DoctorReport, context: { readonly cwd: string; readonly command: string }): ProblemReport {
  const lines = new LineReader();
  const region = (location: { file: string; line: number; column?: number }): Region => {
    const absolute = path.resolve(report.root, location.file);
    const text = lines.line(absolute, location.line);
    const firstNonBlank = text === undefined ? 1 : text.length - text.trimStart().length + 1;
    const column = location.column ?? firstNonBlank;
    return { file: reportPath(context.cwd, absolute), line: location.line, column, endLine: location.line, endColumn: Math.max(column, (text?.trimEnd().length ?? 0) + 1) };
  };
  const problems: Problem[] = report.findings.map((finding) => {
    const [first = { file: 'package.json', line: 1 }, ...rest] = finding.locations;
    return {
      ...region(first),
      ruleId: finding.rule ? `otel-safe/${finding.rule}` : `doctor/${finding.code}`,
      message: finding.message,
      severity: LEVEL[finding.severity],
      helpUri: finding.rule ? ruleDocsUrl(finding.rule) : doctorDocsUrl(),
      ...(rest.length > 0 ? { related: rest.map(region) } : {}),
    };
  });
  const rules = new Map<string, RuleDescriptor>();
  for (const f of report.findings) {
    const id = f.rule ? `otel-safe/${f.rule}` : `doctor/${f.code}`;
    if (!rules.has(id)) rules.set(id, { id, description: f.rule ? DESCRIPTIONS.python : DESCRIPTIONS[f.code], helpUri: f.rule ? ruleDocsUrl(f.rule) : doctorDocsUrl(), level: LEVEL[f.severity] });
  }
  return { command: context.command, cwd: context.cwd, problems, rules: [...rules.values()], errors: [] };
}

/** Lines of project files, each file read once; undefined when unreadable or out of range. */
class LineReader {
  private readonly files = new Map<string, string[] | undefined>();

  line(file: string, line: number): string | undefined {
    if (!this.files.has(file)) {
      let lines: string[] | undefined;
      try {
        lines = readRegularFile(file).split(/\r\n|\r|\n/); // a FIFO among the findings is never read
      } catch {
        lines = undefined;
      }
      this.files.set(file, lines);
    }
    return this.files.get(file)?.[line - 1];
  }
}
