// Import specifiers read from source text without parsing: enough to follow a project's
// import graph (doctor, the project index) at the cost of one scan per file.

// `import x from 'm'`, `import 'm'`, `export * from 'm'`, `require('m')`, `import('m')`, `import x = require('m')`
const SPECIFIER =
  /\b(?:import|export)\s+(type\s+)?(?:[\w*${}\s,]*?\s*from\s*)?['"]([^'"\n]+)['"]|\b(?:require|import)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** Import specifiers of a source text (comments skipped; type-only imports left out). */
export function scanSpecifiers(text: string): string[] {
  const code = text.includes('/*') || text.includes('//') ? stripComments(text) : text;
  const out: string[] = [];
  for (const m of code.matchAll(SPECIFIER)) {
    if (m[1]) continue; // `import type … from`
    const spec = m[2] ?? m[3];
    if (spec) out.push(spec);
  }
  return out;
}

/**
 * Removes comments outside strings (a rough lexer: strings and template heads are skipped, regexes
 * are not special). A block comment becomes one space: SPECIFIER reads whitespace alike, and
 * blanking it character by character was most of the start-file gate's time on long license headers.
 */
function stripComments(text: string): string {
  return text.replace(/('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m, str: string | undefined) => str ?? (m.startsWith('/*') ? ' ' : ''));
}
