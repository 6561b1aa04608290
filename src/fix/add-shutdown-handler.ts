// Fix plans for `require-shutdown-handler`, shared by its suggestions and by the
// `add-shutdown-handler` codemod (SPEC §5): signal handlers that await `shutdown()`
// with a timeout and exit with 128 + signal number, nodemon's restart signal flushed and
// re-raised, guarded so a module evaluated twice installs them once; and repairs of
// handlers that exit before the flush or never exit.
import type { Node } from '../ast/node';
import { getRange, isFunction, isMember, unwrap } from '../ast/node';
import type { FileModel, RegistrationSite } from '../analysis';
import type { ProcessListener } from '../analysis/shutdown';
import { enclosingFunction, functionFacts } from '../analysis/shutdown';
import { enclosingStatement, statementList, topLevelStatement } from '../analysis/statements';
import type { Doc } from './layout';
import { callArgumentsDoc, expressionDoc, listDoc } from './print-expression';
import { callLine, defineSlotLine, printAt, printLine } from './reprint';
import type { TextEdit } from './text';
import { getSourceStyle, lineIndent, quoteString, statementLineRange, textOf } from './text';

/** Milliseconds the generated handlers wait for `shutdown()` before exiting anyway. */
export const SHUTDOWN_TIMEOUT_MS = 3000;

const EXIT_CODES: Readonly<Record<string, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143, SIGBREAK: 149 };

export interface ShutdownSubject {
  /** The variable holding the SDK/provider/handle (`sdk`, or `this.sdk` in a method). */
  readonly name: string;
  /**
   * The statement after which handlers go: a top-level statement, or, for an SDK held only inside
   * a function, the statement that starts it (inside a guard when there is one).
   */
  readonly after: Node;
  /** The variable may be unset when a signal arrives (assigned later, inside a function). */
  readonly optional: boolean;
  /** The registration whose object this is. */
  readonly site: RegistrationSite;
}

/**
 * The variable whose `shutdown()` the handlers call, and where they go: after the top-level
 * statement when the variable is module-level; else next to the start inside its function
 * (exported or local, sync or async, in guard-registration's factory or not).
 */
export function shutdownSubject(sites: readonly RegistrationSite[], model: FileModel): ShutdownSubject | undefined {
  const program = model.program;
  const moduleScope = model.scopes.get(program)!;
  const candidates = [...sites].reverse().map((site) => ({ site, id: subjectNode(site, model) }));
  for (const { site, id } of candidates) {
    if (id?.type !== 'Identifier') continue;
    const binding = model.scopeAt(id).resolve(id.name);
    if (!binding || moduleScope.resolve(id.name) !== binding) continue;
    const top = topLevelStatement(site.node, model);
    if (!top) continue;
    const inFunction = !!enclosingFunction(site.node, model);
    return { name: id.name, after: top, optional: binding.kind !== 'const' && binding.kind !== 'import' && inFunction, site };
  }
  for (const { site, id } of candidates) {
    if (!id || !enclosingFunction(site.node, model)) continue;
    const isThisMember = isMember(id) && !id.computed && unwrap(id.object).type === 'ThisExpression' && id.property.type === 'Identifier';
    if (id.type !== 'Identifier' && !isThisMember) continue;
    if (id.type === 'Identifier' && !model.scopeAt(id).resolve(id.name)) continue;
    const stmt = enclosingStatement(site.node, model);
    if (!stmt || !statementList(stmt, model) || enclosingFunction(stmt, model) !== enclosingFunction(site.node, model)) continue;
    // `this.sdk` may be reassigned or unset (a typed optional field): read it when the signal arrives
    return { name: textOf(model.source, id), after: stmt, optional: id.type !== 'Identifier', site };
  }
  return undefined;
}

/** The expression holding what a registration started: `sdk` of `sdk.start()`, `x` of `const x = startNodeSdk()`. */
function subjectNode(site: RegistrationSite, model: FileModel): Node | undefined {
  // BaselimeSDK has no shutdown(): the provider its start() returns has
  if (site.spec?.kind === 'sdk' && site.spec.shutdownVia === 'start-result') return resultHolder(site, model);
  if (site.subject) {
    const s = unwrap(site.subject);
    return s.type === 'Identifier' || isMember(s) ? s : undefined;
  }
  return site.kind === 'sdk-function' ? resultHolder(site, model) : undefined;
}

/** The variable the registration call's result is stored in: `x` of `const x = await setup()`. */
function resultHolder(site: RegistrationSite, model: FileModel): Node | undefined {
  let n: Node = site.node;
  let p = model.parents.get(n);
  while (p && (p.type === 'AwaitExpression' || p.type === 'TSAsExpression' || p.type === 'ParenthesizedExpression')) {
    n = p;
    p = model.parents.get(n);
  }
  return p?.type === 'VariableDeclarator' && p.init === n && p.id.type === 'Identifier' ? p.id : undefined;
}

/**
 * Handlers for `events` (signals, and `beforeExit` for scripts that just end), inserted
 * after the statement that registers the SDK. One block per file, keyed per SDK
 * variable in a `Symbol.for` slot so a module evaluated twice installs them once.
 */
export function planShutdownHandlers(model: FileModel, subject: ShutdownSubject, events: readonly string[]): TextEdit[] {
  const style = getSourceStyle(model.source, model.filename, model.program);
  const nl = style.eol;
  const i1 = style.indentUnit;
  const i2 = i1 + i1;
  const q = (s: string) => quoteString(s, style);
  const ts = style.typescript;
  const key = `Symbol.for(${q(`otel-safe.shutdown.${subject.name.replace(/^this\./, '')}`)})`;
  const call = `${subject.name}${subject.optional ? '?.' : '.'}shutdown()`;
  // at the statement's own indentation (a function body, guard-registration's factory)
  const indent = lineIndent(model.source, getRange(subject.after)[0]);
  const lines = [
    '',
    '',
    '// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).',
    `if (!(${key} in globalThis)) {`,
    `${i1}${defineSlotLine(model, indent + i1, key, ['value: true'])}`,
    `${i1}const flushTelemetry = ()${ts ? ': Promise<unknown>' : ''} => {`,
    `${i2}let timer${ts ? ': ReturnType<typeof setTimeout> | undefined' : ''};`,
    `${i2}// a dead collector cannot hang the exit`,
    `${i2}const timeout = new Promise((resolve) => {`,
    `${i2}${i1}timer = setTimeout(resolve, ${SHUTDOWN_TIMEOUT_MS});`,
    `${i2}});`,
    `${i2}return Promise.race([${call}, timeout])`,
    `${i2}${i1}.catch(() => undefined)`,
    `${i2}${i1}.finally(() => clearTimeout(timer));`,
    `${i1}};`,
  ];
  for (const ev of events) {
    const code = EXIT_CODES[ev];
    if (ev === 'beforeExit') lines.push(`${i1}${callLine(model, indent + i1, 'process.once', [q(ev), '() => void flushTelemetry()'])}`);
    else if (code !== undefined) lines.push(`${i1}${callLine(model, indent + i1, 'process.once', [q(ev), `() => void flushTelemetry().finally(() => process.exit(${code}))`])}`);
    else {
      // nodemon sends its restart signal more than once: stay subscribed until the flush is done, then re-raise
      lines.push(
        `${i1}let restarting = false;`,
        `${i1}const onRestart = ()${ts ? ': void' : ''} => {`,
        `${i2}if (restarting) return;`,
        `${i2}restarting = true;`,
        `${i2}void flushTelemetry().finally(() => {`,
        `${i2}${i1}process.removeListener(${q(ev)}, onRestart);`,
        `${i2}${i1}process.kill(process.pid, ${q(ev)});`,
        `${i2}});`,
        `${i1}};`,
        `${i1}process.on(${q(ev)}, onRestart);`,
      );
    }
  }
  lines.push('}');
  const text = lines.map((line) => (line === '' ? line : indent + line)).join(nl);
  // after a comment that trails the statement on its line
  const stmtEnd = getRange(subject.after)[1];
  const end = stmtEnd + (/^[ \t]*\/\/[^\r\n]*/.exec(model.source.slice(stmtEnd))?.[0].length ?? 0);
  // replace the statement's last character (not a zero-width insert) so two findings
  // planning the same block overlap and the codemod applies it once
  return [{ range: [end - 1, end], text: model.source.slice(end - 1, end) + text }];
}

/**
 * `void Promise.race([<shutdown>, timeout]).finally(() => <exit>)`: the flush, bounded, then the
 * exit; over the width the list breaks inside `race([…])` (Prettier's hugged last argument).
 */
function boundedThen(shutdown: Doc, exit: string): Doc {
  const race = listDoc('[', [shutdown, `new Promise((resolve) => setTimeout(resolve, ${SHUTDOWN_TIMEOUT_MS}))`], ']', false);
  return ['void Promise.race', callArgumentsDoc([race], true), '.finally', callArgumentsDoc([`() => ${exit}`], false)];
}

/** `sdk.shutdown(); process.exit(0);` → `void Promise.race([sdk.shutdown(), timeout]).finally(() => process.exit(0));` (adjacent statements only). */
export function planFlushBeforeExit(model: FileModel, shutdown: Node, exit: Node): TextEdit[] | undefined {
  const sStmt = model.parents.get(voidParent(shutdown, model));
  const eStmt = model.parents.get(exit);
  if (sStmt?.type !== 'ExpressionStatement' || eStmt?.type !== 'ExpressionStatement') return undefined;
  const block = model.parents.get(sStmt);
  const list: Node[] | undefined = block?.type === 'BlockStatement' || block?.type === 'Program' ? block.body : block?.type === 'SwitchCase' ? block.consequent : undefined;
  if (!list || model.parents.get(eStmt) !== block || list.indexOf(eStmt) !== list.indexOf(sStmt) + 1) return undefined;
  const text = printAt(model, getRange(eStmt), [boundedThen(expressionDoc(shutdown, { source: model.source }), textOf(model.source, exit)), ';']);
  return [
    { range: statementLineRange(model.source, sStmt), text: '' },
    { range: getRange(eStmt), text },
  ];
}

/** `void` around a call, if any. */
function voidParent(call: Node, model: FileModel): Node {
  const p = model.parents.get(call);
  return p?.type === 'UnaryExpression' && p.operator === 'void' ? p : call;
}

/**
 * A handler that shuts down and never exits: its single shutdown statement (or
 * expression body) becomes bounded and followed by the exit (or the re-raise of the
 * restart signal).
 */
export function planExitAfterFlush(model: FileModel, listener: ProcessListener, signal: string, code: number | undefined): TextEdit[] | undefined {
  if (listener.handlers.length !== 1) return undefined;
  const fn = listener.handlers[0]!;
  if (!isFunction(fn) || unwrap(listener.call.arguments[1]) !== fn) return undefined;
  const starts = functionFacts(fn, model).shutdownStarts;
  if (starts.length !== 1) return undefined;
  const start = starts[0]!;
  const outer = voidParent(start, model);
  const stmt = model.parents.get(outer);
  const isBodyExpr = fn.body === outer;
  if (!isBodyExpr && stmt?.type !== 'ExpressionStatement') return undefined;
  if (!isBodyExpr && !(fn.body.type === 'BlockStatement' && fn.body.body.length === 1 && fn.body.body[0] === stmt)) return undefined;
  const style = getSourceStyle(model.source, model.filename, model.program);
  const exit = code !== undefined ? `process.exit(${code})` : `process.kill(process.pid, ${quoteString(signal, style)})`;
  const doc: Doc = [boundedThen(expressionDoc(unwrap(start), { source: model.source }), exit), ';'];
  const callIndent = lineIndent(model.source, getRange(listener.call)[0]);
  if (isBodyExpr) return [{ range: getRange(outer), text: `{${style.eol}${callIndent}${style.indentUnit}${printLine(model, callIndent + style.indentUnit, doc)}${style.eol}${callIndent}}` }];
  return [{ range: getRange(stmt!), text: printAt(model, getRange(stmt!), doc) }];
}

