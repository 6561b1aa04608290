// The import graph of a process: from its entry and preload modules, follow every
// project-local import (static, require, dynamic import, re-export). Files whose text
// names no OpenTelemetry module are only scanned for import specifiers; the others
// are parsed once and their registrations read from the shared analyses.
import { classifyDuplicate, findDuplicateRegistrations, findGuard, getEvaluator, getFileModel, getRegistrationSites, type FileModel } from '../analysis';
import { isCall, isMember, unwrap, type Node } from '../ast/node';
import { parserFor } from '../codemod/parser';
import { describeError, ISSUES_URL } from '../core/internal-error';
import { describeParseFailure } from '../core/language';
import { MODULES } from '../otel/modules';
import { getTable } from '../otel/table';
import { readRegularFile } from '../project/files';
import { SettingsError, type OtelSafeSettings } from '../core/settings';
import { scanSpecifiers } from '../project/imports';
import type { Resolver } from '../project/resolve';
import type { Registration } from './types';

export { scanSpecifiers };

export interface FileFacts {
  /** Import specifiers, in source order. */
  readonly specifiers: readonly string[];
  /** Registrations of process-global OpenTelemetry state (empty for non-OTel files). */
  readonly registrations: readonly FileRegistration[];
  readonly parsed: boolean;
  readonly error: string | undefined;
  /** The error is an exception inside otel-safe's analysis (a bug to report), not an unreadable or unparseable file. */
  readonly internal?: boolean;
  /** settings['otel-safe'].devEntrypoints of the file's own settings. */
  readonly devEntrypoints: readonly string[];
}

/** settings['otel-safe'] per file: `forGroup` for the text gate (one per folder), `forFile` for files that pass it. */
export interface SettingsLookup {
  forFile(file: string): Promise<OtelSafeSettings>;
  forGroup(file: string): Promise<OtelSafeSettings>;
}

/**
 * A registration before it is placed in a process: the line in its file, and the
 * process-wide slot that guards it (`global[sym:app.otel.sdk]`) when there is one: two
 * registrations behind the same slot run once per process, whichever file comes first.
 */
export type FileRegistration = Omit<Registration, 'location' | 'guard'> & {
  readonly line: number;
  readonly column: number;
  readonly guardKey: string | undefined;
  /** A second, separate setup of globals an earlier one in the same file registers (the rule's `conflictingRegistration`). */
  readonly separateSetup: boolean;
};
type Reg = FileRegistration;

/**
 * A regex matching any name a registration must spell out, derived from the recognition
 * table: registering methods of API objects (`setGlobalTracerProvider`), `register`/`start`
 * of providers and SDKs, SDK functions (`startNodeSDK`, `registerOTel`, vendor inits),
 * `registerInstrumentations`, side-effect preload modules, and the user's registrars.
 * Whole words only, so `startSpan`/`startActiveSpan` (every file that uses a tracer) do not
 * count: those files are only scanned for imports, never parsed.
 */
export function registrationWords(settings: OtelSafeSettings): RegExp {
  const words = new Set<string>(['register', 'start']);
  for (const [module, spec] of Object.entries(MODULES)) {
    if (spec.sideEffect) words.add(module);
    for (const [name, exp] of Object.entries(spec.exports)) {
      if (exp.kind === 'sdk-function' || exp.kind === 'register-instrumentations') words.add(name);
      if (exp.kind === 'api-object') for (const [method, m] of Object.entries(exp.methods)) if (m.registers) words.add(method);
      // vendor objects: `H.init(…)`, `SplunkRum.init(…)`
      if (exp.kind === 'object') for (const [member, m] of Object.entries(exp.members)) if (m.kind === 'sdk-function') words.add(member);
    }
  }
  for (const r of settings.registrars ?? []) {
    words.add(r.export);
    if (r.kind === 'sdk-class') words.add('start');
  }
  const escaped = [...words].map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  // not inside a module path: Elysia's `opentelemetry` export must not match every `@opentelemetry/…` import
  return new RegExp(`(?<![\\w$@/-])(?:${escaped.join('|')})(?![\\w$/-])`);
}

/** Reads and analyses project files once per doctor run. */
export class FileFactsCache {
  private readonly facts = new Map<string, Promise<FileFacts>>();
  readonly stats = { scanned: 0, parsed: 0 };
  /** Words a registration cannot be written without (see registrationWords), per settings object. */
  private readonly mayRegister = new WeakMap<OtelSafeSettings, RegExp>();

  constructor(
    private readonly settings: SettingsLookup,
    private readonly root: string,
  ) {}

  get(file: string): Promise<FileFacts> {
    let f = this.facts.get(file);
    if (!f) {
      f = this.compute(file);
      this.facts.set(file, f);
    }
    return f;
  }

  private words(settings: OtelSafeSettings): RegExp {
    let re = this.mayRegister.get(settings);
    if (!re) this.mayRegister.set(settings, (re = registrationWords(settings)));
    return re;
  }

  private async compute(file: string): Promise<FileFacts> {
    let text: string;
    try {
      text = readRegularFile(file); // a FIFO named like a module is never read: it would block
    } catch (e) {
      return { specifiers: [], registrations: [], parsed: false, error: (e as Error).message, devEntrypoints: [] };
    }
    this.stats.scanned++;
    const specifiers = scanSpecifiers(text);
    const gate = await this.settings.forGroup(file);
    if (!getTable(gate.registrars).mayImportOtel(text) || !this.words(gate).test(text)) return { specifiers, registrations: [], parsed: false, error: undefined, devEntrypoints: [] };
    const settings = await this.settings.forFile(file);
    this.stats.parsed++;
    let program;
    try {
      program = parserFor(file).parse(text).program;
    } catch (e) {
      return { specifiers, registrations: [], parsed: false, error: describeParseFailure(e), devEntrypoints: settings.devEntrypoints ?? [] };
    }
    try {
      const registrations = fileRegistrations(program, text, file, this.root, settings);
      return { specifiers, registrations, parsed: true, error: undefined, devEntrypoints: settings.devEntrypoints ?? [] };
    } catch (e) {
      if (e instanceof SettingsError) throw e; // a configuration error, for the whole run
      // one file's failure is that file's error: the report goes on without its registrations
      return { specifiers, registrations: [], parsed: true, error: describeInternalError(e), internal: true, devEntrypoints: settings.devEntrypoints ?? [] };
    }
  }
}

/** The registrations a parsed file makes, each with the process-wide slot guarding it. */
function fileRegistrations(program: Node, text: string, file: string, root: string, settings: OtelSafeSettings): Reg[] {
  const model = getFileModel({ program, source: text, filename: file, cwd: root, settings });
  const registrations: Reg[] = [];
  if (!model) return registrations;
  // the conflicts no-duplicate-registration reports within the file: doctor counts them as
  // separate setups too, so a guard added later by add-guards does not make one appear
  const separate = new Set(findDuplicateRegistrations(model).filter((d) => classifyDuplicate(d) === 'conflict').map((d) => d.site.node));
  for (const site of getRegistrationSites(model)) {
    const { line, column } = site.node.loc!.start as { line: number; column: number };
    registrations.push({ line, column: column + 1, label: site.label, globals: site.globals, module: site.module, guardKey: processGuardKey(site.node, model), separateSetup: separate.has(site.node) });
  }
  return registrations;
}

function describeInternalError(e: unknown): string {
  return `the analysis failed (${describeError(e)}); this is a bug in otel-safe, please report it at ${ISSUES_URL} with this file or a minimal copy`;
}

/** Files reached from the roots, each with the file that first imported it (undefined for roots). */
export async function walkImports(roots: readonly string[], cache: FileFactsCache, resolver: Resolver): Promise<Map<string, string | undefined>> {
  const parent = new Map<string, string | undefined>();
  const queue: string[] = [];
  for (const r of roots) {
    if (!parent.has(r)) {
      parent.set(r, undefined);
      queue.push(r);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    for (const spec of (await cache.get(file)).specifiers) {
      const target = resolver.resolveImport(spec, file);
      if (target !== undefined && !parent.has(target) && !target.includes(`${'/'}node_modules/`)) {
        parent.set(target, file);
        queue.push(target);
      }
    }
  }
  return parent;
}

/** The import chain from a root to `file`: [root, …, file]. */
export function chainTo(file: string, parent: ReadonlyMap<string, string | undefined>): string[] {
  const chain = [file];
  let p = parent.get(file);
  while (p !== undefined && chain.length < 100) {
    chain.unshift(p);
    p = parent.get(p);
  }
  return chain;
}

/** The global slot (`global[sym:k]`, `global.__otel`) of the process guard around a registration, if any. */
function processGuardKey(node: Node, model: FileModel): string | undefined {
  const guard = findGuard(node, model.program, model, ['process']);
  if (!guard) return undefined;
  const g = guard.node;
  const slotExpr = g.type === 'AssignmentExpression' ? g.left : g.type === 'LogicalExpression' ? g.left : g.test;
  const ev = getEvaluator(model);
  const scope = model.scopeAt(g);
  let found: string | undefined;
  const visit = (e: Node | undefined | null, depth: number): void => {
    if (!e || found !== undefined || depth > 8) return;
    const n = unwrap(e);
    if (isMember(n)) {
      const key = ev.storageKey(n, scope);
      if (key !== undefined && key.startsWith('global') && !key.includes('binding:')) {
        found = key;
        return;
      }
      visit(n.object, depth + 1);
      return;
    }
    if (n.type === 'UnaryExpression') visit(n.argument, depth + 1);
    else if (n.type === 'LogicalExpression' || n.type === 'BinaryExpression') {
      visit(n.left, depth + 1);
      visit(n.right, depth + 1);
    } else if (isCall(n)) visit(n.callee, depth + 1);
  };
  visit(slotExpr, 0);
  return found;
}
