// The doctor's checks of one process, as named steps: reach its files through the import
// graph, collect the registrations they make, then look for a preloaded SDK next to one in
// code, the same global registered from two files, dev entrypoints and unresolved entries.
import path from 'node:path';
import { getTable } from '../otel/table';
import type { GlobalSlot } from '../otel/types';
import { DEFAULT_DEV_ENTRYPOINTS, matchesProjectGlobs } from '../project';
import { toRel } from './entrypoints';
import { chainTo, type FileFactsCache, walkImports } from './import-graph';
import type { Resolver } from '../project/resolve';
import type { DoctorFinding, ProcessEntry, ProcessReport, Registration } from './types';

export interface DoctorContext {
  readonly root: string;
  readonly cache: FileFactsCache;
  readonly resolver: Resolver;
}

/** A registration placed in the process: which side loads it, and the key of what runs once. */
type Site = Registration & {
  readonly chain: readonly string[];
  readonly side: 'preload' | 'code';
  /** Registrations with one key run once per process: one preload, one file, or one guarded global slot. */
  readonly key: string;
  /** The file's absolute path (undefined for a preload configured outside the code). */
  readonly abs: string | undefined;
  readonly devEntrypoints: readonly string[];
};

/** The files a process evaluates: those its preloads reach, and those its entries reach. */
interface Reach {
  readonly preloadSide: Map<string, string | undefined>;
  readonly codeSide: Map<string, string | undefined>;
}

/** Globals whose second registration fails silently (instrumentations stack instead, and are the per-file rule's business). */
const EXCLUSIVE = (g: GlobalSlot): boolean => g !== 'instrumentations';

export async function checkProcess(proc: ProcessEntry, index: number, ctx: DoctorContext): Promise<{ findings: DoctorFinding[]; report: ProcessReport }> {
  const reach: Reach = {
    preloadSide: await walkImports(proc.preloads.flatMap((p) => (p.file ? [p.file] : [])), ctx.cache, ctx.resolver),
    codeSide: await walkImports(proc.entries, ctx.cache, ctx.resolver),
  };
  const { sites, unreadable } = await collectSites(proc, reach, index, ctx);
  const findings = [
    ...unreadable,
    ...findPreloadConflicts(sites, index),
    ...findCrossFileDuplicates(sites, index),
    ...findDevEntrypoints(proc, sites, index, ctx),
    ...findUnresolvedEntries(proc, index),
  ];
  return { findings, report: processReport(proc, reach, sites, ctx) };
}

/** Every registration of the process: side-effect preloads, then each reached file's (a file the preload loads counts once). */
async function collectSites(proc: ProcessEntry, reach: Reach, index: number, ctx: DoctorContext): Promise<{ sites: Site[]; unreadable: DoctorFinding[] }> {
  const rel = (p: string): string => toRel(ctx.root, p);
  const sites: Site[] = [];
  const unreadable: DoctorFinding[] = [];
  const table = getTable(undefined);
  for (const p of proc.preloads) {
    const spec = p.file ? undefined : table.module(p.specifier);
    if (!spec?.sideEffect) continue;
    const label = `${p.specifier} (${p.via})`;
    sites.push({ location: p.origin, label, globals: spec.sideEffect, module: p.specifier, guard: undefined, chain: [], side: 'preload', key: `preload:${p.specifier}`, abs: undefined, devEntrypoints: [] });
  }
  const add = async (reached: Map<string, string | undefined>, side: 'preload' | 'code'): Promise<void> => {
    for (const file of reached.keys()) {
      if (side === 'code' && reach.preloadSide.has(file)) continue; // already loaded by the preload: one evaluation
      const facts = await ctx.cache.get(file);
      if (facts.error) {
        const code = facts.internal ? 'analysis-failed' : 'unreadable-file';
        unreadable.push({ code, severity: facts.internal ? 'error' : 'warning', message: `${rel(file)} could not be analysed: ${facts.error}`, locations: [{ file: rel(file), line: 1 }], process: index });
      }
      for (const r of facts.registrations) {
        // registrations behind one process-wide slot run once, whichever file gets there first;
        // a separate setup within a file is a setup of its own
        const key = r.guardKey !== undefined ? `guard:${r.guardKey}` : r.separateSetup ? `${file}:${r.line}:${r.column}` : file;
        const location = { file: rel(file), line: r.line, column: r.column };
        sites.push({ location, label: r.label, globals: r.globals, module: r.module, guard: r.guardKey, chain: chainTo(file, reached).map(rel), side, key, abs: file, devEntrypoints: facts.devEntrypoints });
      }
    }
  };
  await add(reach.preloadSide, 'preload');
  await add(reach.codeSide, 'code');
  return { sites, unreadable };
}

/** A preloaded SDK and an SDK started in code register the same globals: the code's is ignored. */
function findPreloadConflicts(sites: readonly Site[], index: number): DoctorFinding[] {
  const preloadSites = sites.filter((s) => s.side === 'preload' && s.globals.some(EXCLUSIVE));
  const codeSites = sites.filter((s) => s.side === 'code' && s.globals.some(EXCLUSIVE) && !sites.some((p) => p.side === 'preload' && p.key === s.key));
  const pre = preloadSites.filter((s) => codeSites.some((c) => overlap(s.globals, c.globals).length > 0));
  if (pre.length === 0) return [];
  const code = codeSites.filter((c) => pre.some((s) => overlap(s.globals, c.globals).length > 0));
  const globals = unique(pre.flatMap((s) => code.flatMap((c) => overlap(s.globals, c.globals))));
  return [
    {
      code: 'preload-and-code-sdk',
      severity: 'error',
      message:
        `${pre[0]!.label} is preloaded and ${code.map((s) => s.label).join(', ')} registers again in code: the preload registers the ${globals.join('/')} ` +
        `global${globals.length > 1 ? 's' : ''} first, so the code's registration silently fails (its processors and exporters never see a span). ` +
        `Drop the preload or the SDK setup in code`,
      locations: [...pre.map((s) => s.location), ...code.map((s) => s.location)],
      process: index,
    },
  ];
}

/** The same global registered by two setups of one process (two files, two preloads, or two setups of one file that the rule reports as separate): first-wins, the rest are ignored. */
function findCrossFileDuplicates(sites: readonly Site[], index: number): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  for (const side of ['code', 'preload'] as const) {
    const group = sites.filter((s) => s.side === side && s.globals.some(EXCLUSIVE));
    const byKey = new Map<string, Site[]>();
    for (const s of group) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
    if (byKey.size < 2) continue;
    const slots = unique(group.flatMap((s) => s.globals.filter(EXCLUSIVE)));
    const shared = slots.filter((g) => [...byKey.values()].filter((list) => list.some((s) => s.globals.includes(g))).length > 1);
    if (shared.length === 0) continue;
    const involved = group.filter((s) => s.globals.some((g) => shared.includes(g)));
    const count = unique(involved.map((s) => s.key)).length;
    findings.push({
      code: 'duplicate-registration',
      severity: 'error',
      message:
        `${count} separate setups in this process register the ${shared.join('/')} global${shared.length > 1 ? 's' : ''}: ` +
        `${involved.map((s) => `${s.label} (${s.location.file}:${s.location.line})`).join(', ')}. Registration is first-wins, so every later one ` +
        `is silently ignored. Keep one SDK setup per process and import it from one place`,
      locations: involved.map((s) => s.location),
      process: index,
    });
  }
  return findings;
}

/** Files a dev process runs or preloads, and registering files whose path matches the dev-entrypoint globs. */
function findDevEntrypoints(proc: ProcessEntry, sites: readonly Site[], index: number, ctx: DoctorContext): DoctorFinding[] {
  const rel = (p: string): string => toRel(ctx.root, p);
  const devFiles: { file: string; why: string }[] = [];
  if (proc.devReason) {
    // Next.js loads routes on demand; its own dev entrypoint is instrumentation.*
    const devEntries = proc.kind === 'nextjs' ? proc.entries.filter((e) => /^instrumentation\./.test(path.basename(e))) : proc.entries;
    for (const e of devEntries) devFiles.push({ file: rel(e), why: proc.devReason });
    for (const p of proc.preloads) if (p.file) devFiles.push({ file: rel(p.file), why: `preloaded (${p.via}) by a dev process: ${proc.devReason}` });
  }
  for (const s of sites) {
    if (s.side !== 'code' || !s.abs || devFiles.some((d) => d.file === s.location.file)) continue;
    if (matchesProjectGlobs(s.abs, [...DEFAULT_DEV_ENTRYPOINTS, ...s.devEntrypoints], ctx.root)) {
      devFiles.push({ file: s.location.file, why: 'its path matches a dev-entrypoint glob (settings devEntrypoints or the defaults *.dev.*, dev.*, **/dev/**)' });
    }
  }
  if (devFiles.length === 0) return [];
  return [
    {
      code: 'dev-entrypoint',
      severity: 'info',
      message: `dev entrypoint${devFiles.length > 1 ? 's' : ''}: ${devFiles.map((d) => `${d.file} (${d.why})`).join('; ')}. Span processors there should export without batching (otel-safe/no-batch-processor-in-dev)`,
      locations: devFiles.map((d) => ({ file: d.file, line: 1 })),
      process: index,
    },
  ];
}

function findUnresolvedEntries(proc: ProcessEntry, index: number): DoctorFinding[] {
  if (proc.unresolved.length === 0) return [];
  return [
    {
      code: 'unresolved-entrypoint',
      severity: 'warning',
      message: `${proc.unresolved.map((u) => `'${u}'`).join(', ')} does not resolve to a source file (not built yet, or outside the project); not followed`,
      locations: proc.origins,
      process: index,
    },
  ];
}

function processReport(proc: ProcessEntry, reach: Reach, sites: readonly Site[], ctx: DoctorContext): ProcessReport {
  const rel = (p: string): string => toRel(ctx.root, p);
  return {
    name: proc.name,
    kind: proc.kind,
    package: rel(proc.packageDir) || '.',
    origins: proc.origins,
    entries: proc.entries.map(rel),
    preloads: proc.preloads.map((p) => ({ specifier: p.specifier, file: p.file ? rel(p.file) : undefined, origin: p.origin, via: p.via })),
    dev: proc.devReason,
    files: new Set([...reach.preloadSide.keys(), ...reach.codeSide.keys()]).size,
    registrations: sites.map(({ location, label, globals, module, guard, chain }) => ({ location, label, globals, module, guard, chain })),
  };
}

function overlap(a: readonly GlobalSlot[], b: readonly GlobalSlot[]): GlobalSlot[] {
  return a.filter((g) => EXCLUSIVE(g) && b.includes(g));
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
