// `otel-codemod doctor [root]`: the whole-project checks a per-file linter cannot make.
// Finds the processes the project starts, follows each one's import graph, and reports
// registrations that run twice in one process (across files), a preloaded SDK next to an
// SDK started in code, dev entrypoints, and duplicate/mismatched `@opentelemetry/api`
// copies and mixed SDK generations in the installed tree. Writes nothing.
import path from 'node:path';
import picomatch from 'picomatch';
import { getTable } from '../otel/table';
import type { GlobalSlot } from '../otel/types';
import { DEFAULT_DEV_ENTRYPOINTS } from '../project';
import { clearFileCache } from '../project/files';
import type { OtelSafeSettings } from '../core/settings';
import { checkInstalled } from './api-copies';
import { findProcesses, scanProject, toRel } from './entrypoints';
import { chainTo, FileFactsCache, walkImports } from './import-graph';
import { formatHuman, formatJson } from './report';
import { Resolver } from './resolve';
import type { DoctorReport, Finding, Location, ProcessEntry, ProcessReport, Registration } from './types';

export type { DoctorReport, Finding, ProcessReport } from './types';
export { formatHuman, formatJson } from './report';

export interface DoctorOptions {
  readonly json?: boolean;
  readonly settings?: OtelSafeSettings;
}

export interface DoctorResult {
  readonly report: DoctorReport;
  /** 0 clean, 1 problems (errors) found. */
  readonly exitCode: 0 | 1;
  /** The report formatted as asked (`--json` or human). */
  readonly output: string;
}

/** Globals whose second registration fails silently (instrumentations stack instead, and are the per-file rule's business). */
const EXCLUSIVE = (g: GlobalSlot): boolean => g !== 'instrumentations';


/** Runs every doctor check on the project at `root`. */
export function runDoctor(root: string, options: DoctorOptions = {}): DoctorResult {
  const started = performance.now();
  const absRoot = path.resolve(root);
  const settings = options.settings ?? {};
  const table = getTable(settings.registrars);
  const rel = (p: string): string => toRel(absRoot, p);

  clearFileCache(); // read the project as it is now
  const project = scanProject(absRoot);
  const resolver = new Resolver(absRoot, project.packages.filter((p) => p.name !== ''));
  const processes = findProcesses(absRoot, project, resolver);
  const cache = new FileFactsCache(settings);
  const isDevFile = picomatch([...DEFAULT_DEV_ENTRYPOINTS, ...(settings.devEntrypoints ?? [])], { dot: true });

  const findings: Finding[] = [];
  const processReports: ProcessReport[] = [];

  for (const proc of processes) {
    const index = processReports.length;
    const preloadFiles = proc.preloads.flatMap((p) => (p.file ? [p.file] : []));
    const preloadSide = walkImports(preloadFiles, cache, resolver);
    const codeSide = walkImports(proc.entries, cache, resolver);

    type Site = Registration & { chain: string[]; side: 'preload' | 'code'; key: string };
    const sites: Site[] = [];
    for (const p of proc.preloads) {
      const spec = p.file ? undefined : table.module(p.specifier);
      if (spec?.sideEffect) {
        sites.push({
          location: p.origin,
          label: `${p.specifier} (${p.via})`,
          globals: spec.sideEffect,
          module: p.specifier,
          guard: undefined,
          chain: [],
          side: 'preload',
          key: `preload:${p.specifier}`,
        });
      }
    }
    const addSites = (reached: Map<string, string | undefined>, side: 'preload' | 'code'): void => {
      for (const file of reached.keys()) {
        if (side === 'code' && preloadSide.has(file)) continue; // already loaded by the preload: one evaluation
        const facts = cache.get(file);
        if (facts.error) {
          findings.push({ code: 'unreadable-file', severity: 'warning', message: `${rel(file)} could not be analysed: ${facts.error}`, locations: [{ file: rel(file), line: 1 }], process: index });
        }
        for (const r of facts.registrations) {
          // registrations behind one process-wide slot run once, whichever file gets there first
          const key = r.guardKey !== undefined ? `guard:${r.guardKey}` : file;
          sites.push({ location: { file: rel(file), line: r.line, column: r.column }, label: r.label, globals: r.globals, module: r.module, guard: r.guardKey, chain: chainTo(file, reached).map(rel), side, key });
        }
      }
    };
    addSites(preloadSide, 'preload');
    addSites(codeSide, 'code');

    // a preloaded SDK and an SDK started in code
    const preloadSites = sites.filter((s) => s.side === 'preload' && s.globals.some(EXCLUSIVE));
    const codeSites = sites.filter((s) => s.side === 'code' && s.globals.some(EXCLUSIVE) && !sites.some((p) => p.side === 'preload' && p.key === s.key));
    const pre = preloadSites.filter((s) => codeSites.some((c) => overlap(s.globals, c.globals).length > 0));
    if (pre.length > 0) {
      const code = codeSites.filter((c) => pre.some((s) => overlap(s.globals, c.globals).length > 0));
      const globals = unique(pre.flatMap((s) => code.flatMap((c) => overlap(s.globals, c.globals))));
      findings.push({
        code: 'preload-and-code-sdk',
        severity: 'error',
        message:
          `${describe(pre[0]!)} is preloaded and ${code.map(describe).join(', ')} registers again in code: the preload registers the ${globals.join('/')} ` +
          `global${globals.length > 1 ? 's' : ''} first, so the code's registration silently fails (its processors and exporters never see a span). ` +
          `Drop the preload or the SDK setup in code`,
        locations: [...pre.map((s) => s.location), ...code.map((s) => s.location)],
        process: index,
      });
    }

    // the same global registered from two files (or two preloads) of one process
    for (const side of ['code', 'preload'] as const) {
      const group = sites.filter((s) => s.side === side && s.globals.some(EXCLUSIVE));
      const byKey = new Map<string, Site[]>();
      for (const s of group) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
      if (byKey.size < 2) continue;
      const slots = unique(group.flatMap((s) => s.globals.filter(EXCLUSIVE)));
      const shared = slots.filter((g) => [...byKey.values()].filter((list) => list.some((s) => s.globals.includes(g))).length > 1);
      if (shared.length === 0) continue;
      const involved = group.filter((s) => s.globals.some((g) => shared.includes(g)));
      const files = unique(involved.map((s) => s.key));
      findings.push({
        code: 'duplicate-registration',
        severity: 'error',
        message:
          `${files.length} separate setups in this process register the ${shared.join('/')} global${shared.length > 1 ? 's' : ''}: ` +
          `${involved.map((s) => `${describe(s)} (${s.location.file}:${s.location.line})`).join(', ')}. Registration is first-wins, so every later one ` +
          `is silently ignored. Keep one SDK setup per process and import it from one place`,
        locations: involved.map((s) => s.location),
        process: index,
      });
    }

    // dev entrypoints
    const devFiles: { file: string; why: string }[] = [];
    if (proc.devReason) {
      // Next.js loads routes on demand; its own dev entrypoint is instrumentation.*
      const devEntries = proc.kind === 'nextjs' ? proc.entries.filter((e) => /^instrumentation\./.test(path.basename(e))) : proc.entries;
      for (const e of devEntries) devFiles.push({ file: rel(e), why: proc.devReason });
      for (const p of proc.preloads) if (p.file) devFiles.push({ file: rel(p.file), why: `preloaded (${p.via}) by a dev process: ${proc.devReason}` });
    }
    for (const s of sites) {
      if (s.side === 'code' && s.location.file && isDevFile(s.location.file) && !devFiles.some((d) => d.file === s.location.file)) {
        devFiles.push({ file: s.location.file, why: 'its path matches a dev-entrypoint glob (settings devEntrypoints or the defaults *.dev.*, dev.*, **/dev/**)' });
      }
    }
    if (devFiles.length > 0) {
      findings.push({
        code: 'dev-entrypoint',
        severity: 'info',
        message: `dev entrypoint${devFiles.length > 1 ? 's' : ''}: ${devFiles.map((d) => `${d.file} (${d.why})`).join('; ')}. Span processors there should export without batching (otel-safe/no-batch-processor-in-dev)`,
        locations: devFiles.map((d) => ({ file: d.file, line: 1 })),
        process: index,
      });
    }
    if (proc.unresolved.length > 0) {
      findings.push({
        code: 'unresolved-entrypoint',
        severity: 'warning',
        message: `${proc.unresolved.map((u) => `'${u}'`).join(', ')} does not resolve to a source file (not built yet, or outside the project); not followed`,
        locations: proc.origins,
        process: index,
      });
    }

    processReports.push({
      name: proc.name,
      kind: proc.kind,
      package: rel(proc.packageDir) || '.',
      origins: proc.origins,
      entries: proc.entries.map(rel),
      preloads: proc.preloads.map((p) => ({ specifier: p.specifier, file: p.file ? rel(p.file) : undefined, origin: p.origin, via: p.via })),
      dev: proc.devReason,
      files: new Set([...preloadSide.keys(), ...codeSide.keys()]).size,
      registrations: sites.map(({ location, label, globals, module, guard, chain }) => ({ location, label, globals, module, guard, chain })),
    });
  }

  const installed = checkInstalled(
    absRoot,
    unique([absRoot, ...project.packages.map((p) => p.dir)]),
  );
  findings.push(...installed.findings);

  const report: DoctorReport = {
    root: absRoot,
    processes: processReports,
    apiCopies: installed.apiCopies,
    sdkGenerations: installed.generations,
    findings: dedupeFindings(findings),
    stats: { filesScanned: cache.stats.scanned, filesParsed: cache.stats.parsed, durationMs: Math.round(performance.now() - started) },
  };
  const exitCode = report.findings.some((f) => f.severity === 'error') ? 1 : 0;
  return { report, exitCode, output: options.json ? formatJson(report) : formatHuman(report) };
}

function describe(s: Registration): string {
  return s.label;
}

function overlap(a: readonly GlobalSlot[], b: readonly GlobalSlot[]): GlobalSlot[] {
  return a.filter((g) => EXCLUSIVE(g) && b.includes(g));
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** The same unreadable file reached by several processes is reported once. */
function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (f.code !== 'unreadable-file') return true;
    const key = f.message;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type { Location, ProcessEntry };
