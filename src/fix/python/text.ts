// Text edits for Python fixes: the file's line ending and indentation unit, wrapping a run of
// statements in an `if` (re-indenting them one level, comments and blank lines kept), and
// the imports a fix needs. Everything outside the edited ranges stays as written.
import type { TextEdit } from '../../core/edits';
import type { PyModel } from '../../python/model';
import type { PyNode } from '../../python/nodes';
import { field, walk } from '../../python/nodes';

/** The file's line ending (`\r\n` when it uses any). */
export function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The file's indentation unit: the first indented line's leading whitespace after a `:` line, else four spaces. */
export function indentUnit(text: string): string {
  const m = /:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*\r?\n)*([ \t]+)\S/.exec(text);
  if (!m) return '    ';
  const lead = m[1]!;
  // the block may itself be nested: take the difference with the header line's indentation
  const headerStart = text.lastIndexOf('\n', m.index) + 1;
  const headerIndent = /^[ \t]*/.exec(text.slice(headerStart))![0];
  return lead.startsWith(headerIndent) && lead.length > headerIndent.length ? lead.slice(headerIndent.length) : lead;
}

export function lineStart(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
}

/** The offset just past the line ending of the line holding `offset` (the text's end on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0];
}

/** True when a node spans lines inside a string (re-indenting would change the string). */
function hasMultilineString(node: PyNode, text: string): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'string' && text.slice(n.range[0], n.range[1]).includes('\n')) return true;
    stack.push(...n.children);
  }
  return false;
}

/**
 * Wraps the statements `first`..`last` (siblings in one block, each starting its own line) in
 * `header` (`if x:`), one indentation level deeper. Undefined when they cannot be wrapped
 * safely (a statement shares a line with other code, or a string spans lines).
 */
export function wrapStatements(model: PyModel, first: PyNode, last: PyNode, header: string): TextEdit | undefined {
  const text = model.text;
  const start = lineStart(text, first.range[0]);
  if (text.slice(start, first.range[0]).trim() !== '') return undefined;
  const endLine = nextLineStart(text, last.range[1]);
  const tail = text.slice(last.range[1], endLine).replace(/\r?\n$/, '');
  if (tail.trim() !== '' && !tail.trim().startsWith('#')) return undefined;
  const parent = first.parent;
  if (!parent || last.parent !== parent) return undefined;
  const run = parent.children.slice(parent.children.indexOf(first), parent.children.indexOf(last) + 1);
  if (run.some((s) => hasMultilineString(s, text))) return undefined;
  const eol = lineEnding(text);
  const indent = indentAt(text, first.range[0]);
  const unit = indentUnit(text);
  const body = text.slice(start, endLine);
  const reindented = body.replace(/^(?=[ \t]*\S)/gm, unit);
  return { range: [start, endLine], text: `${indent}${header}${eol}${reindented}` };
}

/** Text to insert a new statement line after `statement` (same indentation). */
export function insertLineAfter(model: PyModel, statement: PyNode, line: string): TextEdit {
  const text = model.text;
  const at = nextLineStart(text, statement.range[1]);
  const eol = lineEnding(text);
  const indent = indentAt(text, statement.range[0]);
  const needsBreak = at === text.length && !text.endsWith('\n');
  return { range: [at, at], text: `${needsBreak ? eol : ''}${indent}${line}${eol}` };
}

/** The name under which module `module` is bound at module level (`trace` for `from opentelemetry import trace`), if any. */
export function moduleAlias(model: PyModel, module: string): string | undefined {
  for (const [name, bindings] of model.scopes.module.bindings) {
    if (bindings.length !== 1) continue;
    const b = bindings[0]!;
    if ((b.kind === 'import' && b.module === module) || (b.kind === 'from-import' && `${b.module}.${b.member}` === module)) return name;
  }
  return undefined;
}

/** True when `name` is bound at module level, or used as a name anywhere (a builtin, a name of another scope). */
function nameTaken(model: PyModel, name: string): boolean {
  if (model.scopes.module.bindings.has(name)) return true;
  let used = false;
  walk(model.tree.root, (n) => {
    if (used || n.type === 'import_statement' || n.type === 'import_from_statement') return false;
    if (n.type === 'identifier' && n.text === name && !(n.parent?.type === 'attribute' && field(n.parent, 'attribute') === n) && n.parent?.type !== 'keyword_argument') used = true;
    return undefined;
  });
  return used;
}

/**
 * A name for `module` usable at module level, and the edit importing it when the file has
 * none: `from <parent> import <last>` (or `import os`), aliased when the name is taken.
 */
export function ensureModule(model: PyModel, module: string): { name: string; edits: TextEdit[] } {
  const existing = moduleAlias(model, module);
  if (existing) return { name: existing, edits: [] };
  const dot = module.lastIndexOf('.');
  const last = module.slice(dot + 1);
  const preferred = dot < 0 ? module : last;
  const name = nameTaken(model, preferred) ? `otel_${last}` : preferred;
  const statement = dot < 0 ? (name === module ? `import ${module}` : `import ${module} as ${name}`) : `from ${module.slice(0, dot)} import ${last}${name === last ? '' : ` as ${name}`}`;
  return { name, edits: [importEdit(model, statement)] };
}

/** Inserts an import statement after the module's last top-level import (else after the docstring and `__future__` imports, else at the top). */
export function importEdit(model: PyModel, statement: string): TextEdit {
  const text = model.text;
  const eol = lineEnding(text);
  const top = model.tree.root.children;
  let anchor: PyNode | undefined;
  for (const s of top) {
    if (s.type === 'import_statement' || s.type === 'import_from_statement' || s.type === 'future_import_statement') anchor = s;
    else if (anchor) break;
  }
  if (!anchor && top[0]?.type === 'expression_statement' && top[0].children[0]?.type === 'string') anchor = top[0];
  if (anchor) {
    const at = nextLineStart(text, anchor.range[1]);
    return { range: [at, at], text: `${at === text.length && !text.endsWith('\n') ? eol : ''}${statement}${eol}` };
  }
  return { range: [0, 0], text: `${statement}${eol}` };
}

/**
 * The whole lines of a statement, for removing it (a statement sharing its line with others is
 * not removable). A statement standing between blank lines takes the blank line after it along,
 * so the code around keeps its spacing.
 */
export function removeStatement(model: PyModel, statement: PyNode): TextEdit | undefined {
  const text = model.text;
  const start = lineStart(text, statement.range[0]);
  if (text.slice(start, statement.range[0]).trim() !== '') return undefined;
  let end = nextLineStart(text, statement.range[1]);
  const tail = text.slice(statement.range[1], end).trim();
  if (tail !== '' && !tail.startsWith('#')) return undefined;
  // the only statement of a block: leave `pass` so the block stays valid
  const block = statement.parent;
  if (block?.type === 'block' && block.children.length === 1) return { range: [statement.range[0], statement.range[1]], text: 'pass' };
  const before = start === 0 ? '' : text.slice(lineStart(text, start - 1), start);
  const afterEnd = nextLineStart(text, end);
  if (start > 0 && before.trim() === '' && end < text.length && text.slice(end, afterEnd).trim() === '') end = afterEnd;
  return { range: [start, end], text: '' };
}


/** An import inserted where the wrapped run starts would overlap it: fold it into the wrap. */
export function mergeImportEdits(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const host = out.find((o) => e.range[0] === e.range[1] && o.range[0] === e.range[0] && o.range[1] > o.range[0]);
    if (host) out[out.indexOf(host)] = { range: host.range, text: e.text + host.text };
    else {
      const inserted = out.find((o) => o.range[0] === o.range[1] && o.range[0] === e.range[0]);
      if (inserted && e.range[1] > e.range[0]) out[out.indexOf(inserted)] = { range: e.range, text: inserted.text + e.text };
      else out.push(e);
    }
  }
  return out;
}

