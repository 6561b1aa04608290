// Rule plumbing shared by every rule: creation with merged default options, and running a
// check on the linted file and reporting its findings.
import type { TSESLint } from '@typescript-eslint/utils';
import type { Node } from './ast/node';
import type { JsCheck } from './checks/define';
import type { Finding } from './core/finding';
import { describeError, ISSUES_URL } from './core/internal-error';
import { formatMessage } from './core/messages';
import { hasNoModel, mayCallStart } from './analysis';
import { readSettings, SettingsError } from './core/settings';

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
  // ESLint hands every file of a config the same options array: merge once per array
  const merged = new WeakMap<readonly unknown[], O>();
  const mergedOptions = (given: readonly unknown[]): O => {
    let options = merged.get(given);
    if (!options) {
      options = spec.defaultOptions.map((dflt, i) => {
        const value = given[i];
        return isPlainObject(dflt) && isPlainObject(value) ? { ...dflt, ...value } : (value ?? dflt);
      }) as unknown as O;
      merged.set(given, options);
    }
    return options;
  };
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
      const gate = fileGateOf(context);
      if (gate.noModel && !(spec.startFiles && (gate.startFile ??= mayCallStart(gate.text)))) return {};
      return spec.create(context, mergedOptions(context.options));
    },
  } as OtelSafeRule<O, M>;
}

/** The fast path's decision for one linted file, shared by the rules ESLint creates for it. */
interface FileGate {
  /** The file's shared rule context, when it can identify the file (see `fileGateOf`). */
  readonly owner: object | undefined;
  readonly noModel: boolean;
  /** The file's text, for require-early-init's start-file test (the last file's only). */
  readonly text: string;
  /** require-early-init's start-file text test, once asked. */
  startFile?: boolean;
}

let lastGate: FileGate | undefined;

/** Work counter for test/perf: files whose fast-path decision was made (once per file under ESLint). */
export const fileGateStats = { decided: 0 };

/**
 * The file's gate, decided by the first rule created for it. ESLint (8.57, 9, 10) makes each
 * rule's context `Object.create(fileContext)`, where `fileContext` is frozen and owns the file's
 * `sourceCode` (and, in 9 and 10, `settings`); the next rules of the file find the decision by that
 * object alone. The first rule reads `sourceCode` and `settings` as the own properties of that
 * object too: a property read through a new rule context costs 2–4 µs inside ESLint (V8 meets a new
 * prototype and object shape per file, and the read misses its caches), against a fraction of that
 * for a descriptor lookup; that was most of the fast path's cost per file (bench/README.md, fourth
 * pass). A host whose contexts are built otherwise gets the full decision per rule, through the
 * context (still one text scan per file: `hasNoModel` remembers the program).
 */
function fileGateOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileGate {
  const owner: unknown = Object.getPrototypeOf(context);
  if (lastGate && owner === lastGate.owner) return lastGate;
  const file = fileOf(owner, context) ?? readThroughContext(context);
  fileGateStats.decided++;
  lastGate = { owner: file.owned ? (owner as object) : undefined, noModel: fileHasNoModel(context, file), text: file.sourceCode.text };
  return lastGate;
}

interface LintedFile {
  readonly sourceCode: TSESLint.SourceCode;
  readonly settings: () => Record<string, unknown> | undefined;
  /** True when read from the file's own shared context (`fileOf`), which then identifies the file. */
  readonly owned: boolean;
}

/**
 * The file's `sourceCode` and `settings` as own values of `owner` when `owner` is frozen and the
 * context does not shadow them: one object per linted text (ESLint's file context).
 */
function fileOf(owner: unknown, context: object): LintedFile | undefined {
  if (typeof owner !== 'object' || owner === null || !Object.isFrozen(owner) || Object.hasOwn(context, 'sourceCode')) return undefined;
  const sourceCode = Object.getOwnPropertyDescriptor(owner, 'sourceCode')?.value as TSESLint.SourceCode | undefined;
  if (typeof sourceCode !== 'object' || sourceCode === null) return undefined;
  const settings = Object.hasOwn(context, 'settings') ? undefined : Object.getOwnPropertyDescriptor(owner, 'settings');
  return {
    sourceCode,
    // ESLint 8.57's file context has no own `settings`: then it is read through the context
    settings: settings && 'value' in settings ? () => settings.value as Record<string, unknown> | undefined : () => readContext(context, 'settings') as Record<string, unknown> | undefined,
    owned: true,
  };
}

function readThroughContext(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): LintedFile {
  return { sourceCode: readContext(context, 'sourceCode') as TSESLint.SourceCode, settings: () => readContext(context, 'settings') as Record<string, unknown> | undefined, owned: false };
}

function readContext(context: object, key: 'sourceCode' | 'settings'): unknown {
  return (context as Record<string, unknown>)[key];
}

function fileHasNoModel(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, file: LintedFile): boolean {
  const { sourceCode } = file;
  try {
    return hasNoModel(sourceCode.ast as unknown as Node, sourceCode.text, () => context.filename, () => readSettings(file.settings() as Record<string, unknown>));
  } catch (error) {
    if (error instanceof SettingsError) throw error;
    return false; // the visit's defensive boundary reports it on the file
  }
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
