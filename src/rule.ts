// Rule plumbing shared by every rule: creation with merged default options, and running a
// check on the linted file and reporting its findings.
import type { TSESLint } from '@typescript-eslint/utils';
import type { Node } from './ast/node';
import type { JsCheck } from './checks/define';
import type { Finding } from './core/finding';
import { describeError, ISSUES_URL } from './core/internal-error';
import { formatMessage } from './core/messages';
import { analysisStats, hasNoModel, mayCallStart } from './analysis';
import { readSettings, SettingsError } from './core/settings';
import { getTable, namesModuleHint, type Hints } from './otel/table';

export const DOCS_BASE = 'https://github.com/otel-safe/eslint-plugin-otel-safe/blob/main/docs/rules/';

/** Every rule's extra message (JavaScript and Python): an exception inside otel-safe, reported on the file instead of aborting the ESLint run. */
export const INTERNAL_ERROR_MESSAGE = `otel-safe could not analyse {{file}} ({{error}}). This is a bug in eslint-plugin-otel-safe: please report it at ${ISSUES_URL} with this file or a minimal copy of it. The otel-safe rules report nothing else on this file.`;

export type RuleContext<M extends string, O extends readonly unknown[]> = Readonly<TSESLint.RuleContext<M, O>>;

export interface RuleSpec<O extends readonly unknown[], M extends string> {
  readonly name: string;
  readonly meta: Omit<TSESLint.RuleMetaData<M, unknown, O>, 'docs' | 'defaultOptions'> & {
    readonly docs: { readonly description: string; readonly recommended: boolean };
  };
  readonly defaultOptions: O;
  /** The rule also visits a file without OpenTelemetry imports that passes the start-file gate (require-early-init). */
  readonly startFiles?: boolean;
  create(context: RuleContext<M, O>, options: O): TSESLint.RuleListener;
}

export type OtelSafeRule<O extends readonly unknown[] = readonly unknown[], M extends string = string> = TSESLint.RuleModule<M, O, { description: string; recommended: boolean; url: string }> & {
  readonly name: string;
};

/** Builds a rule: docs url from the name, `meta.defaultOptions`, and options merged over the defaults. */
export function createRule<O extends readonly unknown[], M extends string>(spec: RuleSpec<O, M>): OtelSafeRule<O, M> {
  // ESLint 9 and 10 hand each rule a new options array per file, made of the same option values
  // (its own merge over `meta.defaultOptions`): merged again only when those values change
  let lastGiven: readonly unknown[] | undefined;
  let lastMerged: O | undefined;
  const mergedOptions = (given: readonly unknown[]): O => {
    if (lastGiven !== undefined && sameValues(given, lastGiven)) return lastMerged!;
    fileGateStats.optionsMerged++;
    const options = spec.defaultOptions.map((dflt, i) => {
      const value = given[i];
      return isPlainObject(dflt) && isPlainObject(value) ? { ...dflt, ...value } : (value ?? dflt);
    }) as unknown as O;
    lastGiven = given;
    lastMerged = options;
    return options;
  };
  const startFiles = spec.startFiles === true;
  return {
    name: spec.name,
    meta: {
      ...spec.meta,
      messages: { ...spec.meta.messages, internalError: INTERNAL_ERROR_MESSAGE },
      docs: { ...spec.meta.docs, url: `${DOCS_BASE}${spec.name}.md` },
      defaultOptions: spec.defaultOptions as unknown as O,
    },
    defaultOptions: spec.defaultOptions,
    create(context) {
      // Decided once per file for all rules, by one text scan: a file without OpenTelemetry gets
      // no listener, so ESLint neither merges options nor dispatches and times a visit for it.
      const owner: unknown = Object.getPrototypeOf(context);
      if (owner !== gate.owner || gate.owner === undefined) decideGate(context, owner, startFiles);
      // a function call per file from this spot costs the next file's first rule 0.5–1 µs inside ESLint
      // (bench/README.md, thirteenth pass): `decideGate` runs the start-file test when its rule needs it
      if (gate.noModel && !(startFiles && (gate.startFile ??= mayCallStart(gate.text)))) return NO_LISTENERS;
      return spec.create(context, mergedOptions(context.options));
    },
  } as OtelSafeRule<O, M>;
}

/**
 * What a rule listens to on a file the gate skips: one frozen object for every rule and file, where
 * a new `{}` per rule was an allocation inside ESLint's timed window, which can start a garbage
 * collection that ESLint then charges to the rule (bench/README.md, fourteenth pass). Hosts only
 * read its keys.
 */
const NO_LISTENERS: TSESLint.RuleListener = Object.freeze({});

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * The fast path's decision for the file whose rules ESLint is creating, made by the first of them
 * and found by the others through the file's shared context (`owner`). One object, rewritten per
 * file: for a file without OpenTelemetry the gate allocates nothing but the two property descriptors it
 * reads (bench/README.md, twelfth pass).
 */
const gate: {
  /** The file's shared rule context, when it identifies the file (`fixedSourceCode`); else every rule decides. */
  owner: object | undefined;
  noModel: boolean;
  /** The file's text, for require-early-init's start-file test (the last file's only). */
  text: string;
  /** The start-file text test (`mayCallStart`): run by `decideGate` for a rule that visits start files, else once asked. */
  startFile: boolean | undefined;
} = { owner: undefined, noModel: false, text: '', startFile: undefined };

/**
 * Work counters for test/perf: files whose fast-path decision was made (once per file under ESLint),
 * rule options merged over the defaults (once per rule and configuration), and file contexts whose
 * `sourceCode` descriptor was read (once per lint run under ESLint: see `fixedSourceCode`).
 */
export const fileGateStats = { decided: 0, optionsMerged: 0, descriptorChecks: 0 };

/**
 * Decides the gate for the file of `context`. ESLint (8.57, 9, 10) makes each rule's context
 * `Object.create(fileContext)`, where `fileContext` is frozen and owns the file's `sourceCode` and
 * `settings`; the next rules of the file find the decision by that object alone. This rule reads
 * `sourceCode` and `settings` off that object too: a property read through a new rule context costs
 * 2–4 µs inside ESLint (V8 meets a new prototype and object shape per file, and the read misses its
 * caches: bench/README.md, fourth pass). A host whose contexts are built otherwise gets the full
 * decision per rule, through the context (still one text scan per file: `hasNoModel` remembers the
 * program).
 */
function decideGate(context: AnyRuleContext, owner: unknown, startFiles: boolean): void {
  fileGateStats.decided++;
  const shared = fixedSourceCode(owner, context);
  const sourceCode = shared ?? (readContext(context, 'sourceCode') as TSESLint.SourceCode);
  // no owner until the decision is made: after invalid settings throw, the next rule decides (and throws) again
  gate.owner = undefined;
  gate.startFile = undefined;
  const text = sourceCode.text;
  try {
    const settings = settingsOf(shared ? (owner as object) : undefined, context);
    // The common case, decided by the scan alone (`hasNoModel`'s bookkeeping, a call deeper into the
    // bundle's other chunk, costs ~0.2 µs per file inside ESLint: bench/README.md, thirteenth pass):
    // a file context that the other rules will recognize, no table configured, no module hint in the
    // text. `hasNoModel` decides the rest, and remembers the file for hosts whose every rule decides.
    if (shared && settings?.['otel-safe'] === undefined && !namesModuleHint(text, (builtinHints ??= getTable(undefined).hints))) {
      analysisStats.textChecks++;
      gate.noModel = true;
      // the text is kept only for a start-file test still to come: storing a new string in the
      // long-lived gate runs V8's write barrier (bench/README.md, fifteenth pass)
      if (startFiles) gate.startFile = mayCallStart(text);
      else gate.text = text;
    } else {
      gate.text = text;
      gate.noModel = hasNoModel(sourceCode.ast as unknown as Node, text, context, settings);
    }
  } catch (error) {
    if (error instanceof SettingsError) throw error;
    gate.noModel = false; // the visit's defensive boundary reports it on the file
  }
  gate.owner = shared ? (owner as object) : undefined;
}

/** The module hints of the table without registrars, taken when first needed (the bundle initializes the table module lazily). */
let builtinHints: Hints | undefined;

/**
 * `sourceCode` when `owner` holds it as a fixed own value (neither writable nor configurable, as in
 * ESLint's frozen file context) and the rule context does not shadow it: then `owner` is one linted
 * text's, and can stand for it. The descriptor is read for a frozen owner of a new kind (its
 * prototype, a class's: ESLint's `FileContext`, 8.57's base context); a later owner of that kind
 * that owns `sourceCode` and cannot be extended (ESLint's are frozen) is read without one. Inside
 * ESLint a descriptor read costs ~0.7 µs per file in a `perf` profile, and `Object.isFrozen` as much
 * (V8 tests each property in C++), where `Object.isExtensible` reads a bit of the object's map
 * (bench/README.md, fifteenth pass). `Reflect.get` takes no inline cache, which a new object shape
 * per file would miss (fourteenth pass). A plain object's prototype (`Object.prototype`) is never a
 * kind: oxlint's one shared file context (frozen, its `sourceCode` a getter) is checked every time.
 */
function fixedSourceCode(owner: unknown, context: object): TSESLint.SourceCode | undefined {
  if (typeof owner !== 'object' || owner === null || Object.hasOwn(context, 'sourceCode')) return undefined;
  const kind: unknown = Object.getPrototypeOf(owner);
  if (kind === verifiedKind && !Object.isExtensible(owner) && Object.hasOwn(owner, 'sourceCode')) return objectOrUndefined(Reflect.get(owner, 'sourceCode'));
  fileGateStats.descriptorChecks++;
  const own = Object.getOwnPropertyDescriptor(owner, 'sourceCode');
  if (!own || own.writable !== false || own.configurable !== false) return undefined;
  const value = objectOrUndefined(own.value);
  if (value && kind !== null && kind !== Object.prototype && Object.isFrozen(owner)) verifiedKind = kind as object;
  return value;
}

/** The prototype of the last frozen owner whose `sourceCode` descriptor was found fixed (see `fixedSourceCode`). */
let verifiedKind: object | undefined;

function objectOrUndefined(value: unknown): TSESLint.SourceCode | undefined {
  return typeof value === 'object' && value !== null ? (value as TSESLint.SourceCode) : undefined;
}

/**
 * The file's settings: read off the file context when it stands for the file (an own value of
 * ESLint's), else through the rule context. `Reflect.get`, as above.
 */
function settingsOf(fileContext: object | undefined, context: object): Record<string, unknown> | undefined {
  const value = fileContext && !Object.hasOwn(context, 'settings') ? Reflect.get(fileContext, 'settings') : readContext(context, 'settings');
  return value as Record<string, unknown> | undefined;
}

function readContext(context: object, key: 'sourceCode' | 'settings'): unknown {
  return (context as Record<string, unknown>)[key];
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The visitor of every otel-safe rule: at `Program`, the check's findings for the file,
 * reported. The check costs one text scan on a file without OpenTelemetry; the file model
 * it reads is built once per file and shared by every rule.
 *
 * The defensive boundary: an exception from otel-safe's own code never reaches ESLint (which
 * would abort the whole run, "Oops! Something went wrong"). It becomes one `internalError`
 * report on the file, naming it and asking for a bug report. Invalid settings are the
 * exception: a `SettingsError` stays a configuration error.
 */
export function reportOnProgram<M extends string, O>(context: RuleContext<M, readonly unknown[]>, check: JsCheck<M, O>, options: O): TSESLint.RuleListener {
  return {
    Program(program) {
      withinBoundary(context as unknown as ReportingContext, program, () => {
        const sourceCode = context.sourceCode;
        const input = {
          tree: program as unknown as Node,
          file: { path: context.filename, text: sourceCode.text },
          settings: readSettings(context.settings as Record<string, unknown>),
          cwd: context.cwd,
        };
        reportFindings(context, check.run(input, options));
      });
    },
  };
}

/** The parts of a rule context the boundary uses (ESLint's, for JavaScript and for the Python language). */
interface ReportingContext {
  readonly filename: string;
  report(descriptor: { loc: { start: { line: number; column: number }; end: { line: number; column: number } }; messageId?: string; message?: string; data?: Record<string, string> }): void;
}

/**
 * Runs a rule's work on one file; an exception other than `SettingsError` becomes one
 * `internalError` report (per file and error: when the shared model fails, every rule meets
 * the same error).
 */
export function withinBoundary(context: ReportingContext, fileRoot: object, run: () => void, options: { readonly messageId: boolean } = { messageId: true }): void {
  try {
    run();
  } catch (error) {
    if (error instanceof SettingsError) throw error;
    reportInternalError(context, fileRoot, error, options.messageId);
  }
}

/** Failures already reported per file (its AST root). */
const reportedFailures = new WeakMap<object, Set<string>>();

/** `withMessageId`: the rule's meta has `internalError` (createRule adds it); otherwise the text is reported as is. */
function reportInternalError(context: ReportingContext, program: object, error: unknown, withMessageId: boolean): void {
  const described = describeError(error);
  let seen = reportedFailures.get(program);
  if (!seen) reportedFailures.set(program, (seen = new Set()));
  if (seen.has(described)) return;
  seen.add(described);
  const loc = { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } };
  const data = { file: context.filename, error: described };
  if (withMessageId) context.report({ loc, messageId: 'internalError', data });
  else context.report({ loc, message: formatMessage(INTERNAL_ERROR_MESSAGE, data) });
}


/** Reports findings (offsets turned into ESLint locations) with their suggestions. */
export function reportFindings<M extends string>(context: RuleContext<M, readonly unknown[]>, findings: readonly Finding<M>[]): void {
  const sourceCode = context.sourceCode;
  for (const f of findings) {
    context.report({
      loc: { start: sourceCode.getLocFromIndex(f.range[0]), end: sourceCode.getLocFromIndex(f.range[1]) },
      messageId: f.messageId,
      data: f.data,
      suggest: f.suggestions.map((s) => ({
        messageId: s.messageId,
        data: s.data,
        fix: (fixer) => s.edits.map((e) => fixer.replaceTextRange([e.range[0], e.range[1]], e.text)),
      })),
    });
  }
}
