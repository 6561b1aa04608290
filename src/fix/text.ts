// Text edits: the one representation of a fix. ESLint suggestions apply them through
// its fixer, codemods apply them to the file text, so both write identical code and
// everything outside the edited ranges (comments, quotes, CRLF, formatting) stays as it was.
import type { Node } from '../ast/node';
import { getRange } from '../ast/node';
import { declaredIndent } from '../project/indentation';

export type { TextEdit } from '../core/edits';
export { applyEdits, editsOverlap } from '../core/edits';

/** Facts about a file's formatting that generated code should match. */
export interface SourceStyle {
  readonly eol: '\n' | '\r\n';
  readonly quote: "'" | '"';
  readonly indentUnit: string;
  /** Columns a tab counts for the line width (Prettier's `tabWidth`). */
  readonly tabWidth: number;
  readonly typescript: boolean;
  /** ESM (`import`/`export`) rather than CommonJS. */
  readonly esm: boolean;
}

const styles = new WeakMap<object, SourceStyle>();

/** The formatting style of a source text (memoized by the program node). */
export function getSourceStyle(source: string, filename: string, program: Node): SourceStyle {
  let style = styles.get(program);
  if (!style) {
    style = {
      eol: source.includes('\r\n') ? '\r\n' : '\n',
      quote: detectQuote(source),
      ...indentation(source, filename),
      typescript: /\.[cm]?tsx?$/.test(filename),
      esm: program.body.some((s: Node) => s.type === 'ImportDeclaration' || s.type.startsWith('Export')) || /\.m[jt]s$/.test(filename),
    };
    styles.set(program, style);
  }
  return style;
}

function detectQuote(source: string): "'" | '"' {
  const m = /(?:from\s+|require\(\s*|import\(\s*)(['"])/.exec(source);
  return m?.[1] === '"' ? '"' : "'";
}

/**
 * The file's indent unit as its lines show it; in a file with no indented line, the project's
 * declared one (Prettier, EditorConfig: src/project/indentation.ts), else 2 spaces. Tabs count
 * the declared tab width (2, Prettier's default, when none is declared).
 */
function indentation(source: string, filename: string): { indentUnit: string; tabWidth: number } {
  const declared = declaredIndent(filename);
  return { indentUnit: detectIndentUnit(source) ?? declared?.unit ?? '  ', tabWidth: declared?.tabWidth ?? 2 };
}

/**
 * The file's indent unit: the most common step by which a code line is indented deeper than the
 * code line before it. Comment lines are not code: a JSDoc block's ` * ` lines are indented by
 * one space, which is not the file's unit.
 */
export function detectIndentUnit(source: string): string | undefined {
  const steps = new Map<number, number>();
  let previous = 0;
  let inComment = false;
  for (const line of source.split(/\r\n|\r|\n/)) {
    const text = line.trimStart();
    const wasInComment = inComment;
    if (text.startsWith('/*') || inComment) inComment = !text.includes('*/') || text.lastIndexOf('/*') > text.lastIndexOf('*/');
    if (text === '' || wasInComment || text.startsWith('/*') || text.startsWith('*') || text.startsWith('//')) continue;
    const ws = line.slice(0, line.length - text.length);
    if (ws.startsWith('\t')) return '\t';
    if (ws.length > previous) steps.set(ws.length - previous, (steps.get(ws.length - previous) ?? 0) + 1);
    previous = ws.length;
  }
  let best = 0;
  let count = 0;
  for (const [step, n] of steps) if (step <= 8 && (n > count || (n === count && step < best))) [best, count] = [step, n];
  return best > 0 ? ' '.repeat(best) : undefined;
}

/** Columns `text` (an indentation or a line's start) takes, a tab counting the style's tab width. */
export function columnsOf(text: string, style: SourceStyle): number {
  return text.replace(/\t/g, ' '.repeat(style.tabWidth)).length;
}

/**
 * True when `text` may hold a comment (`//` or `/*` anywhere, in a string too): the re-layouts leave
 * such text as written rather than risk moving a comment.
 */
export function mayHoldComment(text: string): boolean {
  return /\/\/|\/\*/.test(text);
}

/** A string literal in the file's quote style. */
export function quoteString(value: string, style: SourceStyle): string {
  const q = style.quote;
  return q + value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`) + q;
}

/** Leading whitespace of the line that contains `offset`. */
export function lineIndent(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/** Adds one indent unit to every line of a multi-line slice after the first. */
export function indentMore(text: string, style: SourceStyle): string {
  return text.replace(/\r?\n(?=[^\r\n])/g, (nl) => nl + style.indentUnit);
}

/** The range of a whole statement including its line when nothing else is on that line. */
export function statementLineRange(source: string, node: Node): [number, number] {
  const [start, end] = getRange(node);
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = source.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = source.length;
  const before = source.slice(lineStart, start);
  const after = source.slice(end, lineEnd).replace(/\r$/, '');
  if (/^[ \t]*$/.test(before) && /^[ \t]*$/.test(after)) {
    return [lineStart, Math.min(lineEnd + 1, source.length)];
  }
  return [start, end];
}

/** Source text of a node. */
export function textOf(source: string, node: Node): string {
  const [s, e] = getRange(node);
  return source.slice(s, e);
}
