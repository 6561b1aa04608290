// Layout of generated code: a small document printer in the manner of Prettier's (groups that
// print flat when they fit the line, else break; indentation from the enclosing level), so that
// what a planner writes keeps within the file's line width and reads the way a formatter would
// leave it. Text of the user's code is embedded as it is, re-indented to where it lands.
import { columnsOf, type SourceStyle } from './text';

/** A document: text, a list of documents, or one of the layout commands below. */
export type Doc = string | readonly Doc[] | Group | Indent | Line | IfBreak | Conditional;

interface Group {
  readonly kind: 'group';
  readonly contents: Doc;
  /** Printed broken even when it fits (a formatter keeps an object literal expanded when its source was). */
  readonly shouldBreak: boolean;
}
interface Indent {
  readonly kind: 'indent';
  readonly contents: Doc;
}
interface Line {
  readonly kind: 'line';
  /** Flat: nothing (soft) or one space; broken: a newline at the current indentation. Hard lines always break. */
  readonly mode: 'soft' | 'normal' | 'hard';
}
interface IfBreak {
  readonly kind: 'if-break';
  readonly broken: Doc;
  readonly flat: Doc;
}
interface Conditional {
  readonly kind: 'conditional';
  /** The first that fits wins: the first flat, the others broken, the last when none fits. */
  readonly states: readonly Doc[];
}

export const line: Line = { kind: 'line', mode: 'normal' };
export const softline: Line = { kind: 'line', mode: 'soft' };
export const hardline: Line = { kind: 'line', mode: 'hard' };

export function group(contents: Doc, shouldBreak = false): Group {
  return { kind: 'group', contents, shouldBreak };
}
export function indent(contents: Doc): Indent {
  return { kind: 'indent', contents };
}
export function ifBreak(broken: Doc, flat: Doc = ''): IfBreak {
  return { kind: 'if-break', broken, flat };
}
export function conditionalGroup(states: readonly Doc[]): Conditional {
  return { kind: 'conditional', states };
}
export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  return docs.flatMap((d, i) => (i === 0 ? [d] : [separator, d]));
}

/**
 * Source text as a document: its lines joined by hard lines, each without the indentation it had
 * (`fromIndent`), so it takes the indentation of where it is printed. Blank lines stay blank.
 */
export function sourceText(text: string, fromIndent: string): Doc {
  const lines = text.split(/\r?\n/);
  if (lines.length === 1) return text;
  return join(
    hardline,
    lines.map((l, i) => (i === 0 ? l : l.startsWith(fromIndent) ? l.slice(fromIndent.length) : l.trimStart())),
  );
}

/** Where printing starts and how lines look: the column of the first character, the indentation of its line. */
export interface PrintContext {
  readonly style: SourceStyle;
  readonly width: number;
  /** Indentation of the line the document starts on; broken lines are indented from it. */
  readonly indent: string;
  /** Column where the document starts (a tab counts `style.tabWidth` columns, as in Prettier). */
  readonly column: number;
  /** What follows the document on its last line (`);`): it must fit too. */
  readonly trailing?: string;
}

type Mode = 'flat' | 'break';
interface Command {
  readonly indent: string;
  readonly mode: Mode;
  readonly doc: Doc;
}

/** Prints a document: groups flat when they fit in what is left of the line, else broken. */
export function printDoc(doc: Doc, context: PrintContext): string {
  const { style, width } = context;
  const trailing = context.trailing ?? '';
  const full: Doc = trailing ? [doc, trailing] : doc;
  const breaks = propagateBreaks(full);
  const tab = ' '.repeat(style.tabWidth);
  const columns = (text: string) => text.replace(/\t/g, tab).length;
  let out = '';
  let pos = context.column;
  const stack: Command[] = [{ indent: context.indent, mode: 'break', doc: full }];
  while (stack.length > 0) {
    const { indent: ind, mode, doc: d } = stack.pop()!;
    if (typeof d === 'string') {
      out += d;
      const nl = d.lastIndexOf('\n');
      pos = nl < 0 ? pos + columns(d) : columns(d.slice(nl + 1));
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push({ indent: ind, mode, doc: d[i]! });
      continue;
    }
    const cmd = d as Exclude<Doc, string | readonly Doc[]>;
    switch (cmd.kind) {
      case 'indent':
        stack.push({ indent: ind + style.indentUnit, mode, doc: cmd.contents });
        break;
      case 'group': {
        const flat: Command = { indent: ind, mode: 'flat', doc: cmd.contents };
        const broken = cmd.shouldBreak || breaks.has(cmd);
        stack.push(mode === 'flat' || (!broken && fits(flat, stack, width - pos, breaks)) ? flat : { indent: ind, mode: 'break', doc: cmd.contents });
        break;
      }
      case 'conditional': {
        const [first, ...rest] = cmd.states;
        const flat: Command = { indent: ind, mode: 'flat', doc: first! };
        if (mode === 'flat' || (!breaks.has(cmd) && fits(flat, stack, width - pos, breaks))) {
          stack.push(flat);
          break;
        }
        const chosen = cmd.states.find((s, i) => i > 0 && fits({ indent: ind, mode: 'break', doc: s }, stack, width - pos, breaks, true)) ?? rest.at(-1) ?? first!;
        stack.push({ indent: ind, mode: 'break', doc: chosen });
        break;
      }
      case 'if-break':
        stack.push({ indent: ind, mode, doc: mode === 'break' ? cmd.broken : cmd.flat });
        break;
      case 'line':
        if (mode === 'flat' && cmd.mode !== 'hard') {
          if (cmd.mode === 'normal') {
            out += ' ';
            pos++;
          }
        } else {
          out = out.replace(/[ \t]+$/, '') + style.eol + ind;
          pos = columns(ind);
        }
        break;
    }
  }
  // a blank line never carries indentation
  const text = out.replace(/[ \t]+(?=\r?\n)/g, '');
  return trailing && text.endsWith(trailing) ? text.slice(0, text.length - trailing.length) : text;
}

/**
 * True when `next` (and what follows it, up to the first line break) fits in `width` columns.
 * `firstLineOnly`: a broken state of a conditional group fits when its first line does.
 */
function fits(next: Command, rest: readonly Command[], width: number, breaks: ReadonlySet<object>, firstLineOnly = false): boolean {
  const stack: Command[] = [next];
  let restIndex = rest.length;
  let remaining = width;
  while (remaining >= 0) {
    if (stack.length === 0) {
      if (restIndex === 0) return true;
      stack.push(rest[--restIndex]!);
      continue;
    }
    const { mode, doc: d, indent: ind } = stack.pop()!;
    if (typeof d === 'string') {
      const nl = d.indexOf('\n');
      if (nl >= 0) return remaining - nl >= 0;
      remaining -= d.length;
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push({ indent: ind, mode, doc: d[i]! });
      continue;
    }
    const cmd = d as Exclude<Doc, string | readonly Doc[]>;
    switch (cmd.kind) {
      case 'indent':
        stack.push({ indent: ind, mode, doc: cmd.contents });
        break;
      case 'group':
        if (firstLineOnly && mode === 'break' && (cmd.shouldBreak || breaks.has(cmd))) stack.push({ indent: ind, mode: 'break', doc: cmd.contents });
        else stack.push({ indent: ind, mode: cmd.shouldBreak || breaks.has(cmd) ? 'break' : mode, doc: cmd.contents });
        break;
      case 'conditional':
        stack.push({ indent: ind, mode, doc: mode === 'break' ? cmd.states.at(-1)! : cmd.states[0]! });
        break;
      case 'if-break':
        stack.push({ indent: ind, mode, doc: mode === 'break' ? cmd.broken : cmd.flat });
        break;
      case 'line':
        if (mode === 'break' || cmd.mode === 'hard') return true;
        if (cmd.mode === 'normal') remaining--;
        break;
    }
  }
  return false;
}

/** Groups (and conditionals) that contain a hard line or multi-line text: they can never print flat. */
function propagateBreaks(doc: Doc): Set<object> {
  const broken = new Set<object>();
  const visit = (d: Doc): boolean => {
    if (typeof d === 'string') return d.includes('\n');
    if (Array.isArray(d)) return d.map(visit).some(Boolean);
    const cmd = d as Exclude<Doc, string | readonly Doc[]>;
    switch (cmd.kind) {
      case 'line':
        return cmd.mode === 'hard';
      case 'indent':
        return visit(cmd.contents);
      case 'if-break':
        return visit(cmd.broken) && visit(cmd.flat);
      case 'group': {
        const inner = visit(cmd.contents);
        if (inner) broken.add(cmd);
        return inner || cmd.shouldBreak;
      }
      case 'conditional': {
        const inner = cmd.states.map(visit);
        if (inner[0]) broken.add(cmd);
        return inner.every(Boolean);
      }
    }
    return false;
  };
  visit(doc);
  return broken;
}

/**
 * The line width generated code keeps to: 80 (Prettier's default), unless the file's own lines
 * show it is written wider (more than one in twenty code lines longer than 80; tabs count the
 * file's tab width, as Prettier counts them).
 */
export function lineWidth(source: string, style: SourceStyle): number {
  const lengths = source
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !/^\s*(\/\/|\/?\*)/.test(l))
    .map((l) => columnsOf(l, style));
  const over = lengths.filter((n) => n > 80).sort((a, b) => a - b);
  if (over.length < 3 || over.length * 20 < lengths.length) return 80;
  return Math.max(100, over[Math.floor(over.length * 0.9)] ?? 100);
}
