// Entry to the shared analyses: the fast path, then the model every rule and codemod reads.
import { getRange, type Node } from '../ast/node';
import path from 'node:path';
import { HOT_API_PROPERTIES } from '../otel/modules';
import { getTable, namesModuleHint, someModuleHint, type Table } from '../otel/table';
import { FileMemo, readText, revalidate } from '../project/files';
import { Resolver } from '../project/resolve';
import { readSettings, type OtelSafeSettings } from '../core/settings';
import type { FileModel } from './model';
import { buildModel } from './model';
import { importsModuleNamingOtel, mayStartImportedSdk } from './imported-sdk';
export { mayCallStart } from './imported-sdk';
import { workStats } from '../work-stats';

export type { FileModel } from './model';
export { areMutuallyExclusive } from './branches';
export { classifyDuplicate, findDuplicateRegistrations, ignoresSecondCall, type DuplicateRegistration } from './duplicates';
// decided once per file; HMR uses it too (a Node process is never an HMR context)
export { filePlatform, type FilePlatform, type PlatformVerdict } from './environment';
export { findGuard, isHotData, type Guard, type GuardKind } from './guards';
export { classifyCall, describeGlobals, getRegistrationSites, type RegistrationSite } from './registration';
export { classifyFunction, findUnguardedRerun, functionName, type CallerEvidence, type RerunContext, type RerunKind } from './rerunnable';
export { getEvaluator, type Value } from './values';

export interface AnalysisInput {
  readonly program: Node;
  readonly source: string;
  readonly filename: string;
  /** The linter's working directory (ESLint's `cwd`, the CLI's): project globs fall back to it. */
  readonly cwd: string | undefined;
  readonly settings: OtelSafeSettings;
}

/** Work counters, read by the fast-path regression test. */
export const analysisStats = workStats('analysis', { textChecks: 0, byteChecks: 0, modelsBuilt: 0, setupChecks: 0 });

const models = new WeakMap<Node, FileModel>();
/** The last AST found to have no model: every rule asks about the same file in turn, and a WeakMap entry per AST costs more than the check. */
let lastWithout: Node | undefined;
/** The last AST whose text passed the fast path (its model is built by the first rule's visit). */
let lastPassed: Node | undefined;

// Declaration files (`x.d.ts`, `x.d.mts`, `x.d.cts`, `x.d.css.ts`) hold no runtime code:
// nothing in them registers, starts or loads anything. They are half the files that name
// @opentelemetry/ in a real tree (every package ships build/**/*.d.ts), so skipping them
// halves the slow path (bench/README.md).
const DECLARATION_FILE = /\.d(\.[^./\\]+)?\.[cm]?ts$/i;

/**
 * The fast path: false when a file cannot have a model worth building, by its name (a
 * declaration file), because its text names no known module (nor a configured registrar),
 * or, for a file that does, because it names nothing any check acts on (`Table.mayHaveFindings`:
 * one identifier scan, e.g. a file that only uses `trace.getTracer`). Rules and codemods call
 * nothing else before deciding to walk or parse. Given the parsed `program`, also false when the text
 * names modules only in comments (`namesModuleInCode`).
 */
export function mayHaveModel(source: string, filename: string | (() => string), settings: OtelSafeSettings, program?: Node): boolean {
  analysisStats.textChecks++;
  const table = getTable(settings.registrars);
  return table.mayImportOtel(source) && mayHaveModelAfterScan(table, source, filename, program);
}

/**
 * `mayHaveModel` for a text that names a module of `table`; given the parsed `program`, also false when
 * the text names modules only in its comments (`namesModuleInCode`, tested before the identifier scan,
 * which costs more on the large JSDoc-heavy files that do).
 */
function mayHaveModelAfterScan(table: Table, source: string, filename: string | (() => string), program?: Node): boolean {
  // the name is looked at only for a file that passed the scan: inside ESLint, reading
  // `context.filename` is a per-file cost of its own (a property of a new context object)
  if (DECLARATION_FILE.test(typeof filename === 'string' ? filename : filename())) return false;
  return (program === undefined || namesModuleInCode(source, table, program)) && (table.mayHaveFindings(source) || loadsRelativeModule(source));
}

/**
 * The codemods' gate for a start file that a hot update re-evaluates (HM1: NestJS's main.ts with
 * `module.hot.accept()` starting an SDK a project module exports): a hot API in the text, then the
 * start-file gate. Only the HMR transforms ask it; a file that fails it is never parsed.
 */
export function mayBeHotStartFile(source: string, filename: string, settings: OtelSafeSettings): boolean {
  if (!HOT_API_TEXT.test(source) || DECLARATION_FILE.test(filename)) return false;
  return mayStartImportedSdk(source, filename, getTable(settings.registrars));
}

/**
 * The codemods' gate for any start file (`const sdk = createTracing(); sdk.start()` with the SDK from
 * a project module or workspace package): the start-file gate alone. `add-shutdown-handler` asks it,
 * so it fixes what `require-shutdown-handler` reports there.
 */
export function mayBeStartFile(source: string, filename: string, settings: OtelSafeSettings): boolean {
  if (DECLARATION_FILE.test(filename)) return false;
  return mayStartImportedSdk(source, filename, getTable(settings.registrars));
}

/**
 * The add-guards gate, for a file that passed its text gate (`mayHaveModel`, or `mayBeStartFile`):
 * false when none of the four checks add-guards runs (`no-duplicate-registration`,
 * `require-hmr-dispose`, `require-shutdown-handler`, `no-batch-processor-in-dev`) can report anything
 * in it, so the file needs no parse. Each of them reports only around
 * - a setup of this file: a registration site, a batching site, an SDK or provider built here (`Table.mayHaveSetup`);
 * - a hot API call (`dispose` callbacks): its property name is in the text;
 * - an SDK another project module builds, started here (`importedSdkStarts`): `start` and such an import;
 * - a setup another project module runs when this file loads it or calls its export
 *   (`importedRegistrations`): a relative specifier whose module passes the file gate and has a setup.
 * Only a text test: a file that does not parse is not found out here (the transform would report it).
 */
export function mayHaveSetupFindings(source: string, filename: string, settings: OtelSafeSettings): boolean {
  analysisStats.setupChecks++;
  const table = getTable(settings.registrars);
  if (table.mayHaveSetup(source) || HOT_WORD.test(source)) return true;
  if (START_MEMBER.test(source) && importsModuleNamingOtel(source, filename, table)) return true;
  return loadsModuleWithSetup(source, filename, table);
}

/** A hot API property (`module.hot`, `import.meta.webpackHot`, `module['hot']`) as a word: the hot references the model finds. */
const HOT_WORD = new RegExp(`\\b(?:${HOT_API_PROPERTIES.join('|')})\\b`);
/**
 * A member named `start` (`x.start`, `x?.start`, `x['start']`, with spaces or comments after the dot or
 * bracket): `importedSdkStarts` looks at no other call.
 */
const START_MEMBER = /(?:\.|\[)(?:\s|\/\*[^]*?\*\/|\/\/[^\n]*\n)*['"`]?start\b/;
/** A relative specifier in quotes (`'./tracing'`, `"../otel.js"`, a template without expressions): every relative load and import is one. */
const RELATIVE_LITERAL = /['"`](\.\.?\/[^'"`\r\n]*)['"`]/g;

const setupMemos = new WeakMap<Table, FileMemo<boolean>>();

/**
 * `importedRegistrations`' precondition: a relative specifier of the text resolves to a module that
 * passes the file gate (`mayImportOtel`, `mayHaveFindings`) and has a setup of its own
 * (`mayHaveSetup`); each such module is read once per run (and again when it changes).
 */
function loadsModuleWithSetup(source: string, filename: string, table: Table): boolean {
  if (!RELATIVE_SPECIFIER.test(source)) return false;
  let memo = setupMemos.get(table);
  if (!memo) setupMemos.set(table, (memo = new FileMemo<boolean>()));
  const resolver = new Resolver(path.dirname(filename), []);
  for (const m of source.matchAll(RELATIVE_LITERAL)) {
    const spec = m[1]!;
    if (spec.includes('\\')) return true; // an escape: the specifier's value is not its text
    const target = resolver.resolveImport(spec, filename);
    if (target === undefined) continue;
    const hasSetup = memo.get(target, () => {
      const text = readText(target);
      return text !== undefined && table.mayImportOtel(text) && table.mayHaveFindings(text) && table.mayHaveSetup(text);
    });
    if (hasSetup) return true;
  }
  return false;
}

/** `imported-registrations.ts`' test for a relative specifier (no backquote). */
const RELATIVE_SPECIFIER = /['"]\.\.?\//;

const HOT_API_TEXT = /\bmodule\.hot\b|\bimport\.meta\.(?:hot|webpackHot|turbopackHot)\b/;

/**
 * A relative module loaded for its side effect (`await import('./sentry.server.config')`, `import
 * './tracing'`): what it registers runs on this file's path (imported-registrations.ts), so such a
 * file is modelled even when its own text names nothing a check acts on. What the regular expression
 * `/\bimport\s*\(\s*['"]\.\.?\/|^\s*import\s+['"]\.\.?\//m` finds, looked for only where `import`
 * occurs: that expression has no literal to start from, so V8 tries it at every position of the
 * text (a tenth of the CLI's text gate on the worst tree, bench/README.md).
 */
export function loadsRelativeModule(source: string): boolean {
  for (let at = source.indexOf('import'); at >= 0; at = source.indexOf('import', at + 1)) {
    if (at === 0 || !WORD_CHAR.test(source[at - 1]!)) {
      DYNAMIC_RELATIVE_IMPORT.lastIndex = at;
      if (DYNAMIC_RELATIVE_IMPORT.test(source)) return true;
    }
    if (startsLine(source, at)) {
      SIDE_EFFECT_RELATIVE_IMPORT.lastIndex = at;
      if (SIDE_EFFECT_RELATIVE_IMPORT.test(source)) return true;
    }
  }
  return false;
}

const WORD_CHAR = /\w/;
const DYNAMIC_RELATIVE_IMPORT = /import\s*\(\s*['"]\.\.?\//y;
const SIDE_EFFECT_RELATIVE_IMPORT = /import\s+['"]\.\.?\//y;

/** `^\s*` (multiline) just before `at`: only white space back to the start of a line or of the text. */
function startsLine(source: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = source[i]!;
    if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') return true;
    if (!WHITE_SPACE.test(c)) return false;
  }
  return true;
}

const WHITE_SPACE = /\s/;

/**
 * The first step of `mayHaveModel` on a file's raw UTF-8 bytes (the CLI's gate, before decoding):
 * false means `mayHaveModel` is false on the decoded text of valid UTF-8 bytes.
 */
export function mayHaveModelBytes(bytes: Uint8Array, filename: string, settings: OtelSafeSettings): boolean {
  analysisStats.byteChecks++;
  if (DECLARATION_FILE.test(filename)) return false;
  return getTable(settings.registrars).mayImportOtelBytes(bytes);
}


/**
 * True when the file is known to have no model, deciding it by the fast path if nobody has yet
 * (`file.filename` is read only when the text passes the scan). `settings` is the linter's settings
 * object, whose `otel-safe` entry (registrars) is read. Rules ask this when ESLint creates them, so a
 * file without OpenTelemetry gets no listener at all (ESLint then neither dispatches nor times a
 * `Program` visit for each of the rules); under ESLint without settings, `src/rule.ts` decides a text
 * without any module hint by the scan alone and asks this for the rest. The scan comes first and the
 * work stays in this module: inside ESLint every call and lookup on this path costs per file
 * (bench/README.md, twelfth and thirteenth passes).
 */
export function hasNoModel(program: Node, source: string, file: { readonly filename: string }, settings: Record<string, unknown> | undefined): boolean {
  if (program === lastWithout) return true;
  if (program === lastPassed) return false;
  const table = tableOfSettings(settings);
  analysisStats.textChecks++;
  if (!namesModuleHint(source, table.hints)) {
    lastWithout = program;
    return true;
  }
  if (models.has(program)) return false;
  if (mayHaveModelAfterScan(table, source, () => file.filename, program)) {
    lastPassed = program;
    return false;
  }
  lastWithout = program;
  return true;
}

const BUILTIN_TABLE = getTable(undefined);
let lastOtelSafeSettings: unknown;
let lastTable: Table = BUILTIN_TABLE;

/**
 * The module table for a linter's settings: a configuration hands every file the same settings, so
 * it is looked up again only when their `otel-safe` entry changes (invalid settings throw each time).
 */
function tableOfSettings(settings: Record<string, unknown> | undefined): Table {
  const raw = settings?.['otel-safe'];
  if (raw === undefined) return BUILTIN_TABLE;
  if (raw !== lastOtelSafeSettings) {
    lastTable = getTable(readSettings(settings).registrars);
    lastOtelSafeSettings = raw;
  }
  return lastTable;
}

/**
 * False when every module hint in the text lies inside a comment of `program` (semantic-conventions'
 * JSDoc naming its own package on each constant, a `// see @opentelemetry/api` line). A comment
 * imports nothing, and a model without an OpenTelemetry import is dropped once built
 * (`getFileModel`), so such a file is not walked: 34 of the 222 runtime files naming OpenTelemetry
 * in the app tree, 13–20 ms of a lint run before, 4–6 ms after (bench/README.md, sixteenth pass).
 * An occurrence that starts in a comment ends in it: no module name holds a comment's end (`*` `/`,
 * a line break). True when the parser hands over no comments (Babel's `Program`, read by the
 * codemods): the model is built, and dropped, as before.
 */
function namesModuleInCode(source: string, table: Table, program: Node): boolean {
  const comments: unknown = program.comments;
  if (!Array.isArray(comments) || comments.length === 0) return true;
  return someModuleHint(source, table.hints, (at) => !inComment(comments as readonly Node[], at));
}

/** True when offset `at` lies inside one of `comments` (in source order, as parsers give them). */
function inComment(comments: readonly Node[], at: number): boolean {
  let low = 0;
  let high = comments.length - 1;
  // the last comment starting at or before `at`
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (getRange(comments[mid]!)[0] <= at) low = mid;
    else high = mid - 1;
  }
  const [start, end] = getRange(comments[low]!);
  return start <= at && at < end;
}

const startModels = new WeakMap<Node, FileModel | null>();

/**
 * For `require-early-init` only: the model of a file that imports no OpenTelemetry module but
 * starts an SDK another project module exports (`await otelSDK.start()` in NestJS's main.ts), when
 * the start-file gate (`mayStartImportedSdk`: `.start(` in the text, a relative import whose file
 * names an OpenTelemetry module) passes; else undefined. Built once per AST.
 */
export function getStartFileModel(input: AnalysisInput): FileModel | undefined {
  const cached = startModels.get(input.program);
  if (cached !== undefined) return cached ?? undefined;
  const table = getTable(input.settings.registrars);
  let model: FileModel | undefined;
  // a new file: what the gate remembers of the imported modules is checked against them again
  revalidate();
  if (!DECLARATION_FILE.test(input.filename) && mayStartImportedSdk(input.source, input.filename, table)) {
    analysisStats.modelsBuilt++;
    model = buildModel({ ...input, table });
  }
  startModels.set(input.program, model ?? null);
  return model;
}

/**
 * The file's model, or undefined when it imports no OpenTelemetry module or names nothing a
 * check acts on. A file whose text names no known module (nor a configured registrar) costs
 * one string scan and nothing else; the model is built once per AST and shared by all rules.
 */
export function getFileModel(input: AnalysisInput): FileModel | undefined {
  if (input.program === lastWithout) return undefined;
  const cached = models.get(input.program);
  if (cached !== undefined) return cached;
  const table = getTable(input.settings.registrars);
  let model: FileModel | undefined;
  if (input.program === lastPassed || mayHaveModel(input.source, input.filename, input.settings, input.program)) {
    // a new file: project facts cached for earlier files are checked against their files again
    // (an editor's ESLint server lints for hours in one process; src/project/files.ts)
    revalidate();
    analysisStats.modelsBuilt++;
    model = buildModel({ ...input, table });
    // a module that imports only a config type (`import type { ResolveConfigFn }`) builds a config: it is checked
    if (model.otelImports.length === 0 && model.configTypeImports.size === 0) model = undefined;
  }
  if (model) models.set(input.program, model);
  else lastWithout = input.program;
  return model;
}
