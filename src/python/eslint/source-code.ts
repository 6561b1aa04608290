// The SourceCode ESLint hands Python rules (ESLint ≥ 9.7 custom languages): text, the tree,
// locations, parents, the traversal steps, and `# eslint-disable…` directives read from Python
// comments. A file that names no OpenTelemetry module gets a bare `module` node and is parsed
// only if a rule asks for its tree (a configured registrar's module may still be in it).
import { lineStarts, positionAt } from '../../core/location';
import type { OtelSafeSettings } from '../../core/settings';
import type { PyNode, PyTree } from '../nodes';
import { parsePython } from '../parser';
import { pythonRegistrars } from '../table';

export interface PyLocation {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

interface VisitStep {
  readonly kind: 1;
  readonly type: 'visit';
  readonly target: PyNode;
  readonly phase: 1 | 2;
  readonly args: [PyNode, PyNode | null];
}

interface Directive {
  readonly type: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  readonly node: PyNode;
  readonly value: string;
  readonly justification: string;
}

const DIRECTIVE = /^#\s*eslint-(disable-next-line|disable-line|disable|enable)(?:\s+([\s\S]*?))?(?:\s+--\s+([\s\S]*))?\s*$/;

export class PythonSourceCode {
  readonly text: string;
  readonly ast: PyNode;
  readonly hasBOM = false;
  readonly visitorKeys: Readonly<Record<string, readonly string[]>>;
  private tree: PyTree | undefined;
  private starts: number[] | undefined;
  private linesCache: string[] | undefined;

  constructor(text: string, ast: PyNode, tree: PyTree | undefined, visitorKeys: Readonly<Record<string, readonly string[]>>) {
    this.text = text;
    this.ast = ast;
    this.tree = tree;
    this.visitorKeys = visitorKeys;
  }

  get lines(): string[] {
    this.linesCache ??= this.text.split(/\r\n|[\r\n\u2028\u2029]/);
    return this.linesCache;
  }

  /** Comments of the file (parsed on demand when the tree was not needed yet). */
  get comments(): readonly PyNode[] {
    return this.fullTree().comments;
  }

  /**
   * The parsed tree for a rule: the one parse() made, or, for a file the text gate let through
   * only because of a configured Python registrar, a parse now. Undefined when no check can
   * report on the file.
   */
  treeFor(settings: OtelSafeSettings): PyTree | undefined {
    if (this.tree) return this.tree;
    if (!pythonRegistrars(settings).some((r) => this.text.includes(r.module))) return undefined;
    return this.fullTree();
  }

  private fullTree(): PyTree {
    this.tree ??= parsePython(this.text);
    return this.tree;
  }

  getLoc(node: PyNode): PyLocation {
    return node.loc;
  }

  getRange(node: PyNode): [number, number] {
    return node.range;
  }

  getText(node?: PyNode, before = 0, after = 0): string {
    if (!node) return this.text;
    return this.text.slice(Math.max(node.range[0] - before, 0), node.range[1] + after);
  }

  getParent(node: PyNode): PyNode | null {
    return node.parent;
  }

  getAncestors(node: PyNode): PyNode[] {
    const out: PyNode[] = [];
    for (let n = node.parent; n; n = n.parent) out.unshift(n);
    return out;
  }

  /** ESLint-style location of an offset range (for findings, which carry ranges). */
  locOf(range: readonly [number, number]): PyLocation {
    this.starts ??= lineStarts(this.text);
    return { start: positionAt(this.starts, range[0]), end: positionAt(this.starts, range[1]) };
  }

  /** Enter/exit steps of a depth-first walk (what ESLint's traverser replays for the rules' selectors). */
  traverse(): VisitStep[] {
    const steps: VisitStep[] = [];
    // an explicit stack (entries to enter, and entries to exit): a file nests as deep as tree-sitter parses
    const stack: { node: PyNode; parent: PyNode | null; exit: boolean }[] = [{ node: this.ast, parent: null, exit: false }];
    while (stack.length > 0) {
      const { node, parent, exit } = stack.pop()!;
      steps.push({ kind: 1, type: 'visit', target: node, phase: exit ? 2 : 1, args: [node, parent] });
      if (exit) continue;
      stack.push({ node, parent, exit: true });
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, parent: node, exit: false });
    }
    return steps;
  }

  /** Comments that are ESLint directives. */
  getInlineConfigNodes(): PyNode[] {
    if (!this.text.includes('eslint-')) return [];
    return this.comments.filter((c) => DIRECTIVE.test(c.text ?? ''));
  }

  /** `# eslint-disable`, `# eslint-enable`, `# eslint-disable-line`, `# eslint-disable-next-line` (rule list, `-- reason`). */
  getDisableDirectives(): { problems: never[]; directives: Directive[] } {
    const directives: Directive[] = [];
    for (const node of this.getInlineConfigNodes()) {
      const m = DIRECTIVE.exec(node.text ?? '')!;
      directives.push({ type: m[1] as Directive['type'], node, value: (m[2] ?? '').trim(), justification: (m[3] ?? '').trim() });
    }
    return { problems: [], directives };
  }

  /** No inline rule configuration in Python comments (`# eslint rule: …` is not supported). */
  applyInlineConfig(): { configs: never[]; problems: never[] } {
    return { configs: [], problems: [] };
  }
}
