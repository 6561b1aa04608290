// `otel-codemod doctor [root]`: the whole-project checks a per-file linter cannot make.
// Finds the processes the project starts, follows each one's import graph, and reports
// registrations that run twice in one process (across files), a preloaded SDK next to an
// SDK started in code, dev entrypoints, and duplicate/mismatched `@opentelemetry/api`
// copies and mixed SDK generations in the installed tree. Writes nothing.
import path from 'node:path';
import type { OtelSafeSettings } from '../core/settings';
import { revalidate } from '../project/files';
import { checkPythonProcesses } from '../python/doctor';
import { checkInstalled } from './api-copies';
import { findProcesses, scanProject } from './entrypoints';
import { FileFactsCache, type SettingsLookup } from './import-graph';
import { checkProcess } from './process-checks';
import { formatHuman, formatJson } from './report';
import { Resolver } from '../project/resolve';
import type { DoctorFinding, DoctorReport, Location, ProcessEntry, ProcessReport } from './types';

export type { DoctorFinding, DoctorReport, ProcessReport } from './types';
export type { SettingsLookup } from './import-graph';
export { formatHuman, formatJson } from './report';

export interface DoctorOptions {
  readonly json?: boolean;
  /** settings['otel-safe']: one object for every file, or a per-file lookup (the CLI's, from the ESLint config). */
  readonly settings?: OtelSafeSettings | SettingsLookup;
}

export interface DoctorResult {
  readonly report: DoctorReport;
  /** 0 clean, 1 problems (errors) found, 3 some files could not be analysed (the report covers the rest). */
  readonly exitCode: 0 | 1 | 3;
  /** The report formatted as asked (`--json` or human). */
  readonly output: string;
}

/** Runs every doctor check on the project at `root`. */
export async function runDoctor(root: string, options: DoctorOptions = {}): Promise<DoctorResult> {
  const started = performance.now();
  const absRoot = path.resolve(root);
  revalidate(); // read the project as it is now
  const project = scanProject(absRoot);
  const resolver = new Resolver(absRoot, project.packages.filter((p) => p.name !== ''));
  const settings = toLookup(options.settings);
  const cache = new FileFactsCache(settings, absRoot);

  const findings: DoctorFinding[] = [];
  const processes: ProcessReport[] = [];
  for (const proc of findProcesses(absRoot, project, resolver)) {
    const checked = await checkProcess(proc, processes.length, { root: absRoot, cache, resolver });
    findings.push(...checked.findings);
    processes.push(checked.report);
  }
  for (const proc of await checkPythonProcesses(absRoot, settings)) {
    const index = processes.length;
    const rel = (file: string): string => path.relative(absRoot, file).split(path.sep).join('/');
    processes.push({
      name: proc.name,
      kind: 'python',
      package: '.',
      origins: [{ file: rel(proc.origin.file), line: proc.origin.line }],
      entries: proc.files.map(rel),
      preloads: [],
      dev: undefined,
      files: proc.files.length,
      registrations: [],
    });
    for (const f of proc.findings) findings.push({ code: 'python', severity: f.severity, message: `${f.message} (otel-safe/${f.ruleId})`, locations: [{ file: rel(f.file), line: f.line, column: f.column }], process: index, rule: f.ruleId });
  }
  const installed = checkInstalled(absRoot, unique([absRoot, ...project.packages.map((p) => p.dir)]));
  findings.push(...installed.findings);

  const report: DoctorReport = {
    root: absRoot,
    processes,
    apiCopies: installed.apiCopies,
    sdkGenerations: installed.generations,
    findings: dedupeFindings(findings),
    stats: { filesScanned: cache.stats.scanned, filesParsed: cache.stats.parsed, durationMs: Math.round(performance.now() - started) },
  };
  const exitCode = report.findings.some((f) => FILE_FAILURES.has(f.code)) ? 3 : report.findings.some((f) => f.severity === 'error') ? 1 : 0;
  return { report, exitCode, output: options.json ? formatJson(report) : formatHuman(report) };
}

function toLookup(settings: OtelSafeSettings | SettingsLookup | undefined): SettingsLookup {
  if (settings && 'forFile' in settings && typeof settings.forFile === 'function') return settings;
  const fixed = Promise.resolve((settings ?? {}) as OtelSafeSettings);
  return { forFile: () => fixed, forGroup: () => fixed };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Findings that say a file could not be read, parsed or analysed: exit 3, as for otel-codemod (SPEC §5). */
const FILE_FAILURES = new Set<DoctorFinding['code']>(['unreadable-file', 'analysis-failed']);

/** The same unreadable file reached by several processes is reported once. */
function dedupeFindings(findings: readonly DoctorFinding[]): DoctorFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (!FILE_FAILURES.has(f.code)) return true;
    if (seen.has(f.message)) return false;
    seen.add(f.message);
    return true;
  });
}

export type { Location, ProcessEntry };
