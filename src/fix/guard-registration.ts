// Fix plans for `no-duplicate-registration`, shared by its suggestions and by the
// `guard-registration` codemod: the guarded singleton of SPEC §5, and removal of a
// registration that repeats an earlier one of the same object.
import type { Node } from '../ast/node';
import { getRange, isMember, unwrap } from '../ast/node';
import type { DuplicateRegistration, FileModel, RegistrationSite } from '../analysis';
import type { Binding } from '../analysis/scope';
import { enclosingStatement, statementList } from '../analysis/statements';
import { planUnusedImportRemoval } from './remove-item';
import type { Doc } from './layout';
import { group, indent as indented, softline } from './layout';
import { defineSlotLine, printAt, printLine } from './reprint';
import type { SourceStyle, TextEdit } from './text';
import { getSourceStyle, indentMore, lineIndent, quoteString, statementLineRange, textOf } from './text';

/** The `Symbol.for` key of the process-wide slot for a registration. */
export function slotKeyFor(site: RegistrationSite): string {
  const name = site.kind === 'side-effect-import' ? 'preload' : site.kind === 'api' ? site.method! : site.exportName;
  return `otel-safe.${name}`;
}

/**
 * Wraps a registration that can run more than once into a process-wide guard.
 * Returns undefined for shapes it cannot rewrite safely (the report stays, with no fix).
 */
export function planGuard(site: RegistrationSite, model: FileModel): TextEdit[] | undefined {
  const style = getSourceStyle(model.source, model.filename, model.program);
  const stmt = enclosingStatement(site.node, model);
  if (!stmt) return undefined;
  const list = statementList(stmt, model);
  if (!list) return undefined;
  const key = `Symbol.for(${quoteString(slotKeyFor(site), style)})`;

  // const sdk = startNodeSdk(opts);
  if (stmt.type === 'VariableDeclaration' && stmt.declarations.length === 1) {
    const d = stmt.declarations[0];
    if (d.init && unwrap(d.init) === site.node && d.id.type === 'Identifier') {
      const type = style.typescript ? (d.id.typeAnnotation ? textOf(model.source, d.id.typeAnnotation.typeAnnotation) : `ReturnType<typeof ${textOf(model.source, unwrap(site.node.callee))}>`) : '';
      const range = getRange(d.init);
      return withSlotType([{ range, text: printAt(model, range, ['(', slotDoc(key, type, style), ` ??= ${textOf(model.source, d.init)})`]) }], model);
    }
    return undefined;
  }
  if (stmt.type !== 'ExpressionStatement') return undefined;
  const direct = unwrap(stmt.expression) === site.node;

  if (direct && site.subject) {
    const viaLocal = planLocalFactory(site, stmt, list, key, style, model);
    if (viaLocal !== null) return viaLocal;
  }
  // everything else that is a statement of its own: run it once per process
  if (direct || (unwrap(stmt.expression).type === 'AwaitExpression' && unwrap(unwrap(stmt.expression).argument) === site.node)) {
    const indent = lineIndent(model.source, getRange(stmt)[0]);
    const inner = indent + style.indentUnit;
    const nl = style.eol;
    // a comment trailing the statement on its line moves into the block with it
    const [start, end] = getRange(stmt);
    const trailing = /^[ \t]*\/\/[^\r\n]*/.exec(model.source.slice(end))?.[0] ?? '';
    const text =
      `if (!(${key} in globalThis)) {${nl}` +
      `${inner}${defineSlotLine(model, inner, key, ['value: true', 'configurable: true'])}${nl}` +
      `${inner}${indentMore(textOf(model.source, stmt), style)}${trailing}${nl}` +
      `${indent}}`;
    return [{ range: [start, end + trailing.length], text }];
  }
  return undefined;
}

/**
 * `const sdk = new NodeSDK(); ...; sdk.start();` (or `this.sdk = ...`) in one block:
 * the whole range becomes a factory whose result lives in the global slot.
 * Returns null when the shape does not apply (try the statement guard instead),
 * undefined when it applies but cannot be rewritten safely.
 */
function planLocalFactory(site: RegistrationSite, stmt: Node, list: Node[], key: string, style: SourceStyle, model: FileModel): TextEdit[] | undefined | null {
  const subject = unwrap(site.subject!);
  const end = list.indexOf(stmt);
  const scope = model.scopeAt(stmt);

  if (subject.type === 'Identifier') {
    const binding = scope.resolve(subject.name);
    if (!binding || (binding.kind !== 'const' && binding.kind !== 'let') || binding.assignments.length > 0) return null;
    const declarator = binding.declaration;
    const decl = model.parents.get(declarator);
    if (!decl || decl.declarations?.length !== 1 || declarator.id !== binding.id || !declarator.init) return null;
    const start = list.indexOf(decl);
    if (start < 0 || start > end) return null;
    if (!isSelfContained(list.slice(start, end + 1), binding, model)) return undefined;
    const type = style.typescript ? typeText(declarator, model) : '';
    const idText = textOf(model.source, declarator.id);
    return withSlotType([factoryEdit(`${decl.kind} ${idText}`, binding.name, list.slice(start, end + 1), key, type, style, model)], model);
  }

  if (isMember(subject) && unwrap(subject.object).type === 'ThisExpression' && !subject.computed) {
    const prev = list[end - 1];
    const assign = prev?.type === 'ExpressionStatement' ? unwrap(prev.expression) : undefined;
    if (!assign || assign.type !== 'AssignmentExpression' || assign.operator !== '=' || textOf(model.source, unwrap(assign.left)) !== textOf(model.source, subject)) return null;
    const local = subject.property.name as string;
    if (model.scopeAt(stmt).resolve(local)) return undefined;
    const creation = unwrap(assign.right);
    const type = style.typescript ? typeOfCreation(creation, model) : '';
    const [rs, re] = getRange(site.subject!);
    const [ss] = getRange(stmt);
    // replace `this.x` by the local inside the registration statement
    const registration = textOf(model.source, stmt);
    const rewritten = registration.slice(0, rs - ss) + local + registration.slice(re - ss);
    const nl = style.eol;
    const indent = lineIndent(model.source, getRange(prev!)[0]);
    const inner = indent + style.indentUnit;
    const text =
      `${printLine(model, indent, [`${textOf(model.source, unwrap(assign.left))} = `, slotDoc(key, type, style), ' ??= (() => {'])}${nl}` +
      `${inner}const ${local} = ${indentMore(textOf(model.source, assign.right), style)};${nl}` +
      `${inner}${indentMore(rewritten, style)}${nl}` +
      `${inner}return ${local};${nl}` +
      `${indent}})();`;
    return withSlotType([{ range: [getRange(prev!)[0], getRange(stmt)[1]], text }], model);
  }
  return null;
}

function factoryEdit(head: string, name: string, statements: Node[], key: string, type: string, style: SourceStyle, model: FileModel): TextEdit {
  const first = statements[0]!;
  const last = statements.at(-1)!;
  const [start] = getRange(first);
  const [, end] = getRange(last);
  const nl = style.eol;
  const indent = lineIndent(model.source, start);
  const inner = indent + style.indentUnit;
  const body = indentMore(model.source.slice(start, end), style);
  const text =
    `${printLine(model, indent, [`${head} = (`, slotDoc(key, type, style), ' ??= (() => {'])}${nl}` +
    `${inner}${body}${nl}` +
    `${inner}return ${name};${nl}` +
    `${indent}})());`;
  return { range: [start, end], text };
}

/**
 * `globalThis[key]`, with a precise slot type in TypeScript (the `OtelSafeSlot` alias `withSlotType`
 * declares); over the width the key breaks onto its own line, as Prettier breaks a computed member.
 */
function slotDoc(key: string, type: string, style: SourceStyle): Doc {
  const object = !style.typescript || !type ? 'globalThis' : `(globalThis as ${SLOT_TYPE}<${type}>)`;
  return group([`${object}[`, indented([softline, key]), softline, ']']);
}

const SLOT_TYPE = 'OtelSafeSlot';
const SLOT_ALIAS = `type ${SLOT_TYPE}<T> = typeof globalThis & { [key: symbol]: T | undefined };`;

/**
 * Declares the slot type once per file, after its imports (a short named type instead of the cast
 * written out on every guarded line). The declaration replaces the last import's last character, so
 * two findings adding it overlap and the next pass sees it. Where it cannot go (the name is taken,
 * or the anchor lies inside the edit), the cast is written out in place.
 */
function withSlotType(edits: TextEdit[], model: FileModel): TextEdit[] {
  const uses = edits.some((e) => e.text.includes(`as ${SLOT_TYPE}<`));
  if (!uses || model.source.includes(SLOT_ALIAS)) return edits;
  const inline = () => edits.map((e) => ({ range: e.range, text: e.text.replace(new RegExp(`\\(globalThis as ${SLOT_TYPE}<(.+?)>\\)\\[`, 'g'), '(globalThis as typeof globalThis & { [key: symbol]: $1 | undefined })[') }));
  if (new RegExp(`\\b${SLOT_TYPE}\\b`).test(model.source)) return inline();
  const body = model.program.body as Node[];
  const imports = body.filter((s) => s.type === 'ImportDeclaration');
  const anchor = imports.at(-1);
  if (!anchor) return inline();
  const end = getRange(anchor)[1];
  if (edits.some((e) => e.range[0] < end && e.range[1] >= end - 1)) return inline();
  const nl = getSourceStyle(model.source, model.filename, model.program).eol;
  return [...edits, { range: [end - 1, end], text: `${model.source[end - 1]}${nl}${nl}${SLOT_ALIAS}` }];
}

/** Type of the instance a declarator holds: its annotation, the imported class, or `InstanceType<typeof C>`. */
function typeText(declarator: Node, model: FileModel): string {
  if (declarator.id.typeAnnotation) return textOf(model.source, declarator.id.typeAnnotation.typeAnnotation);
  return typeOfCreation(unwrap(declarator.init), model);
}

function typeOfCreation(creation: Node, model: FileModel): string {
  const callee = unwrap(creation.callee ?? creation);
  const calleeText = textOf(model.source, callee);
  if (creation.type === 'NewExpression') return isEsmImportedName(callee, model) ? calleeText : `InstanceType<typeof ${calleeText}>`;
  if (creation.type === 'CallExpression') return `ReturnType<typeof ${calleeText}>`;
  return 'unknown';
}

/** True when a class reference is usable as a type: an ESM import (named, or a member of a namespace import). */
function isEsmImportedName(callee: Node, model: FileModel): boolean {
  const root = isMember(callee) ? unwrap(callee.object) : callee;
  if (root.type !== 'Identifier') return false;
  const b = model.scopeAt(callee).resolve(root.name);
  return !!b && b.kind === 'import' && b.declaration.type === 'ImportDeclaration';
}

/** True when no name declared in the statements, other than `keep`, is used after them. */
function isSelfContained(statements: Node[], keep: Binding, model: FileModel): boolean {
  const [start, end] = [getRange(statements[0]!)[0], getRange(statements.at(-1)!)[1]];
  const scope = model.scopeAt(statements[0]!);
  for (const b of scope.bindings.values()) {
    if (b === keep) continue;
    const [ds] = getRange(b.id);
    if (ds < start || ds > end) continue;
    if (b.references.some((r) => getRange(r)[0] < start || getRange(r)[0] > end)) return false;
  }
  return true;
}

/** Removes a registration that repeats the same object's earlier one, and imports it leaves unused. */
export function planRemoval(dup: DuplicateRegistration, model: FileModel): TextEdit[] | undefined {
  if (!dup.sameSubject || !dup.site.globals.every((g) => dup.first.globals.includes(g))) return undefined;
  const stmt = enclosingStatement(dup.site.node, model);
  if (!stmt || stmt.type !== 'ExpressionStatement') return undefined;
  const expr = unwrap(stmt.expression);
  if (expr !== dup.site.node && !(expr.type === 'AwaitExpression' && unwrap(expr.argument) === dup.site.node)) return undefined;
  const removed = statementLineRange(model.source, stmt);
  const edits: TextEdit[] = [{ range: removed, text: '' }];
  edits.push(...planUnusedImportRemoval([removed], model));
  return edits;
}
