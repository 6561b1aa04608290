// disable-reloader: `app.run(debug=True)` → `app.run(debug=True, use_reloader=False)` (an explicit
// `use_reloader=True` becomes False), keeping debug mode and the debugger; the documented fix
// (opentelemetry.io troubleshooting, "Flask debug mode with reloader breaks instrumentation").
// `flask run` commands get `--no-reload` (planned on the command text, for command files).
import type { TextEdit } from '../../core/edits';
import type { PyModel } from '../../python/model';
import type { AppRun } from '../../python/model/apps';
import { useReloaderArgument } from '../../python/model/apps';
import type { PyNode } from '../../python/nodes';
import { field } from '../../python/nodes';
import { parseCommandLine } from '../../project/shell';

export function planNoReloader(model: PyModel, run: AppRun): TextEdit[] | undefined {
  const existing = useReloaderArgument(run.call);
  if (existing) {
    const value = field(existing, 'value')!;
    return [{ range: [value.range[0], value.range[1]], text: 'False' }];
  }
  if (run.kind === 'run-simple') return undefined; // a positional use_reloader is rare: left to a human
  return [appendKeyword(model, run.call, 'use_reloader=False')];
}

/** Appends a keyword argument before the closing parenthesis, after a trailing comma if there is one. */
export function appendKeyword(model: PyModel, call: PyNode, keyword: string): TextEdit {
  const args = field(call, 'arguments')!;
  const inner = model.text.slice(args.range[0] + 1, args.range[1] - 1);
  const close = args.range[1] - 1;
  const trimmed = inner.replace(/\s+$/, '');
  if (trimmed === '') return { range: [close, close], text: keyword };
  if (trimmed.endsWith(',')) {
    // multi-line call with a trailing comma: a new line at the last argument's indentation
    const lastNl = inner.lastIndexOf('\n');
    if (lastNl >= 0 && inner.slice(lastNl).trim() === '') {
      const afterComma = args.range[0] + 1 + trimmed.length;
      const indent = /\n([ \t]*)\S[^\n]*$/.exec(trimmed)?.[1] ?? '';
      const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
      return { range: [afterComma, afterComma], text: `${eol}${indent}${keyword},` };
    }
    return { range: [args.range[0] + 1 + trimmed.length, args.range[0] + 1 + trimmed.length], text: ` ${keyword}` };
  }
  const at = args.range[0] + 1 + trimmed.length;
  return { range: [at, at], text: `, ${keyword}` };
}

/** `flask run --debug` → `flask run --debug --no-reload` (after `--debug`, else after `run`); undefined when the line has no `flask run` or already says `--no-reload`. */
export function planNoReloadFlag(commandLine: string): string | undefined {
  const hasFlaskRun = parseCommandLine(commandLine).some((inv) => inv.argv.some((a) => /(^|\/)flask$/.test(a)) && inv.argv.includes('run'));
  if (!hasFlaskRun || /--no-reload\b/.test(commandLine)) return undefined;
  const cleaned = commandLine.replace(/ --reload\b/, '');
  const anchor = /\bflask\b[^&|;\n]*?\brun\b(?:[^&|;\n]*?\s--debug\b)?/.exec(cleaned);
  if (!anchor) return undefined;
  const at = anchor.index + anchor[0].length;
  return `${cleaned.slice(0, at)} --no-reload${cleaned.slice(at)}`;
}
