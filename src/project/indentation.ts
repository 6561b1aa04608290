// The indentation a project declares, for generated code in a file whose own lines show none
// (a file with no indented line): Prettier's `useTabs` / `tabWidth` (its config file, or
// package.json's "prettier" key), else the .editorconfig sections that match the file
// (`indent_style`, `indent_size`, `tab_width`), else nothing (the caller's default, 2 spaces).
// A config we cannot read statically (prettier.config.js) says nothing.
import { basename, dirname, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { FileMemo, isRecord, parseJsonObject, readText } from './files';

export interface DeclaredIndent {
  /** One level of indentation: a tab, or spaces. */
  readonly unit: string;
  /** Columns a tab counts (Prettier's `tabWidth`, EditorConfig's `tab_width`), when declared. */
  readonly tabWidth?: number;
}

const memo = new FileMemo<DeclaredIndent | undefined>();

/** What the project's formatter settings say about indentation for `filename`, or undefined. */
export function declaredIndent(filename: string): DeclaredIndent | undefined {
  const file = resolve(filename);
  return memo.get(file, () => fromPrettier(dirname(file)) ?? fromEditorConfig(file));
}

const PRETTIER_FILES = ['.prettierrc', '.prettierrc.json', '.prettierrc.yaml', '.prettierrc.yml'];
const PRETTIER_CODE = ['.prettierrc.js', '.prettierrc.cjs', '.prettierrc.mjs', 'prettier.config.js', 'prettier.config.cjs', 'prettier.config.mjs', '.prettierrc.toml'];

/** The nearest Prettier configuration (the first directory up that has one) and its indentation keys. */
function fromPrettier(start: string): DeclaredIndent | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    for (const name of PRETTIER_FILES) {
      const text = readText(join(dir, name));
      if (text !== undefined) return indentOf(parseJsonObject(text, true) ?? simpleYaml(text));
    }
    if (PRETTIER_CODE.some((name) => readText(join(dir, name)) !== undefined)) return undefined;
    const pkg = readText(join(dir, 'package.json'));
    const config = pkg === undefined ? undefined : parseJsonObject(pkg)?.prettier;
    if (isRecord(config)) return indentOf(config);
    if (dirname(dir) === dir) return undefined;
  }
}

function indentOf(config: Record<string, unknown>): DeclaredIndent | undefined {
  const tabWidth = typeof config.tabWidth === 'number' && config.tabWidth > 0 ? config.tabWidth : undefined;
  if (config.useTabs === true) return { unit: '\t', ...(tabWidth ? { tabWidth } : {}) };
  return tabWidth ? { unit: ' '.repeat(tabWidth), tabWidth } : undefined;
}

/** `key: value` lines of a YAML .prettierrc (the two keys read here are scalars). */
function simpleYaml(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of text.matchAll(/^([A-Za-z]+)\s*:\s*([^#\r\n]*)/gm)) {
    const v = m[2]!.trim();
    out[m[1]!] = v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}

/**
 * The EditorConfig properties for the file: every .editorconfig from the file's directory up to one
 * with `root = true`, the farthest applied first and later sections overriding earlier ones.
 */
function fromEditorConfig(file: string): DeclaredIndent | undefined {
  const configs: { dir: string; text: string }[] = [];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const text = readText(join(dir, '.editorconfig'));
    if (text !== undefined) {
      configs.unshift({ dir, text });
      if (/^\s*root\s*=\s*true\s*$/im.test(text.split(/^\s*\[/m)[0] ?? '')) break;
    }
    if (dirname(dir) === dir) break;
  }
  const props: Record<string, string> = {};
  for (const { dir, text } of configs) {
    let applies = false;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
      const section = /^\[(.+)\]$/.exec(line);
      if (section) {
        applies = sectionMatches(section[1]!, relative(dir, file).split('\\').join('/'));
        continue;
      }
      const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
      if (applies && kv) props[kv[1]!.toLowerCase()] = kv[2]!.trim().toLowerCase();
    }
  }
  const tabWidth = /^\d+$/.test(props.tab_width ?? '') ? Number(props.tab_width) : undefined;
  const size = props.indent_size === 'tab' ? tabWidth : /^\d+$/.test(props.indent_size ?? '') ? Number(props.indent_size) : undefined;
  if (props.indent_style === 'tab') return { unit: '\t', ...(tabWidth ?? size ? { tabWidth: tabWidth ?? size } : {}) };
  if (props.indent_style === 'space' || size !== undefined) return size ? { unit: ' '.repeat(size) } : undefined;
  return undefined;
}

/** EditorConfig globs: one without a `/` matches the file name in any directory below; `**` spans directories. */
function sectionMatches(glob: string, path: string): boolean {
  const spanning = glob.replace(/\*\*(?!\/)/g, '**/*');
  const pattern = glob.includes('/') ? spanning.replace(/^\//, '') : `**/${spanning}`;
  return picomatch(pattern, { dot: true })(path) || (!glob.includes('/') && picomatch(glob, { dot: true })(basename(path)));
}
