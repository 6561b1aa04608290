// Node-shape helpers that accept both AST flavours we meet: ESTree from
// typescript-eslint/espree (rules) and Babel's `estree` plugin output (codemods).
// Neither flavour's types are imported: both are walked as plain objects.

/** A node of either AST flavour. */
export interface Node {
  type: string;
  range?: [number, number];
  start?: number;
  end?: number;
  loc?: { start: { line: number; column: number }; end: { line: number; column: number } } | null;
  [key: string]: any;
}

/** Source offsets of a node, whichever flavour it comes from. */
export function getRange(node: Node): [number, number] {
  return node.range ?? [node.start ?? 0, node.end ?? 0];
}

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** True for the three function node types. */
export function isFunction(node: Node | undefined): boolean {
  return !!node && FUNCTION_TYPES.has(node.type);
}

const LOOP_TYPES = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/** True for loop statements. */
export function isLoop(node: Node | undefined): boolean {
  return !!node && LOOP_TYPES.has(node.type);
}

/** Strips parentheses, TS assertions, `!`, `satisfies` and optional-chain wrappers. */
export function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TypeCastExpression':
      case 'ParenthesizedExpression':
      case 'ChainExpression':
        n = n.expression;
        break;
      default:
        return n;
    }
  }
}

/** The string value of a literal or of a template literal without expressions. */
export function getStringValue(node: Node | undefined | null): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if ((n.type === 'Literal' || n.type === 'StringLiteral') && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0]?.value?.cooked ?? undefined;
  return undefined;
}

/** The name of a member's property when it is static (`a.b`, `a['b']`). */
export function getPropertyName(member: Node): string | undefined {
  const prop = member.property;
  if (!prop) return undefined;
  if (!member.computed) {
    if (prop.type === 'Identifier' || prop.type === 'PrivateIdentifier') return prop.name;
    return undefined;
  }
  return getStringValue(prop);
}

/** The static key name of an object property or class member. */
export function getKeyName(prop: Node): string | undefined {
  const key = prop.key;
  if (!key) return undefined;
  if (!prop.computed && key.type === 'Identifier') return key.name;
  return getStringValue(key);
}

/** True for a member access (`a.b`, `a?.b`), in either flavour. */
export function isMember(node: Node | undefined): boolean {
  return !!node && (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression');
}

/** True for a call (`f()`, `f?.()`), in either flavour. */
export function isCall(node: Node | undefined): boolean {
  return !!node && (node.type === 'CallExpression' || node.type === 'OptionalCallExpression');
}

/** The variable `process.env.X` / `process.env['X']` reads, or undefined for any other expression. */
export function processEnvVariable(n: Node): string | undefined {
  const e = unwrap(n);
  if (!isMember(e)) return undefined;
  const obj = unwrap(e.object);
  if (!isMember(obj) || getPropertyName(obj) !== 'env') return undefined;
  const base = unwrap(obj.object);
  return base.type === 'Identifier' && base.name === 'process' ? getPropertyName(e) : undefined;
}

/** Calls of a `createRequire(…)` result (`const req = createRequire(import.meta.url); req('m')`), marked by the model builder, which sees scopes. */
const requireAliasCalls = new WeakSet<Node>();

/** Marks `call` as a `require` through an alias that `createRequire` made. */
export function markRequireAliasCall(call: Node): void {
  requireAliasCalls.add(call);
}

/** `require('m')` (or a `createRequire` alias's call) with a static string: returns `'m'`. */
export function getStaticRequire(node: Node): string | undefined {
  const n = unwrap(node);
  if (!isCall(n) || n.arguments.length !== 1) return undefined;
  const callee = n.callee;
  if (callee.type !== 'Identifier' || (callee.name !== 'require' && !requireAliasCalls.has(n))) return undefined;
  return getStringValue(n.arguments[0]);
}

/** `import('m')` (either flavour: ImportExpression, or a call of `Import`): returns `'m'`. */
export function getDynamicImport(node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'ImportExpression') return getStringValue(n.source);
  if (isCall(n) && n.callee.type === 'Import') return getStringValue(n.arguments[0]);
  return undefined;
}

/** Object literal property by static key name (shorthand included). */
export function findProperty(object: Node | undefined, name: string): Node | undefined {
  if (!object) return undefined;
  const o = unwrap(object);
  if (o.type !== 'ObjectExpression') return undefined;
  for (const p of o.properties) {
    if ((p.type === 'Property' || p.type === 'ObjectProperty') && getKeyName(p) === name) return p;
  }
  return undefined;
}

/** Literal boolean value, if the node is one. */
export function getBooleanValue(node: Node | undefined): boolean | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if ((n.type === 'Literal' || n.type === 'BooleanLiteral') && typeof n.value === 'boolean') return n.value;
  return undefined;
}

/** 1-based line of a node. */
export function getLine(node: Node): number {
  return node.loc?.start.line ?? 0;
}

/** `false`, `0`, `null`, `undefined`: the value a flag reset writes, or a helper's "not yet" return. */
export function isFalsyLiteral(expr: Node): boolean {
  const n = unwrap(expr);
  if (getBooleanValue(n) === false) return true;
  if (n.type === 'Identifier' && n.name === 'undefined') return true;
  return (n.type === 'Literal' || n.type === 'NullLiteral' || n.type === 'NumericLiteral') && !n.value && n.regex === undefined;
}
