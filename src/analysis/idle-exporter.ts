// Whether an exporter built in a file sends anything as the file stands: a message that says
// "every deployment sends to this address" must not be said of one nothing uses (holdout7 M5).
import type { FileModel } from './model';
import { calledExport, isSdkConstruction } from './values';
import type { Node } from '../ast/node';
import { findProperty, getKeyName } from '../ast/node';

/** Expression wrappers that hand their operand on unchanged. */
const TRANSPARENT = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);

/**
 * Why the exporter `creation` (a `new X(…)`) sends nothing, in a few words, or undefined when it may
 * send: its result is dropped, it is kept in a variable nothing reads, or every read of it is a
 * `traceExporter` that NodeSDK ignores because the same options set `spanProcessors` or
 * `spanProcessor` (sdk-node 0.223.0 `build/src/sdk.js:202-210`).
 */
export function idleExporter(creation: Node, model: FileModel): string | undefined {
  const use = useSite(creation, model);
  if (!use) return undefined;
  if (use.type === 'ExpressionStatement') return 'its result is dropped';
  if (use.type === 'Property') return ignoredTraceExporter(use, model);
  if (use.type !== 'VariableDeclarator' || use.id?.type !== 'Identifier') return undefined;
  // `export const exporter = …`: read by importers
  if (model.parents.get(model.parents.get(use)!)?.type === 'ExportNamedDeclaration') return undefined;
  const binding = model.scopeAt(use).resolve(use.id.name as string);
  if (!binding || binding.id !== use.id || binding.assignments.length > 0) return undefined;
  if (binding.references.length === 0) return `\`${use.id.name}\` is never read`;
  const reasons = binding.references.map((ref) => {
    const site = useSite(ref, model);
    return site?.type === 'Property' && site.value !== undefined ? ignoredTraceExporter(site, model) : undefined;
  });
  return reasons.every((r) => r !== undefined) ? reasons[0] : undefined;
}

/** The node that receives `node`'s value, past transparent wrappers. */
function useSite(node: Node, model: FileModel): Node | undefined {
  let child = node;
  let parent = model.parents.get(child);
  while (parent && TRANSPARENT.has(parent.type)) {
    child = parent;
    parent = model.parents.get(child);
  }
  if (parent?.type === 'Property' && parent.value !== child) return undefined;
  if (parent?.type === 'VariableDeclarator' && parent.init !== child) return undefined;
  return parent;
}

/** `traceExporter: …` in the options of an SDK that ignores it because processors are given there too. */
function ignoredTraceExporter(prop: Node, model: FileModel): string | undefined {
  if (getKeyName(prop) !== 'traceExporter') return undefined;
  const options = model.parents.get(prop);
  if (options?.type !== 'ObjectExpression') return undefined;
  const winner = findProperty(options, 'spanProcessors') ? 'spanProcessors' : findProperty(options, 'spanProcessor') ? 'spanProcessor' : undefined;
  if (!winner) return undefined;
  const sdk = optionsReceiver(options, model);
  if (!sdk) return undefined;
  const v = calledExport(sdk, model);
  if (!v || !isSdkConstruction(sdk, v.spec) || v.spec.kind !== 'sdk' || !v.spec.processorsOverrideTraceExporter) return undefined;
  return `\`${v.name}\` ignores \`traceExporter\` when \`${winner}\` is set`;
}

/** The `new`/call expression that receives `options` as its first argument, inline or through one `const`. */
function optionsReceiver(options: Node, model: FileModel): Node | undefined {
  const use = useSite(options, model);
  if (use && isFirstArgument(options, use)) return use;
  if (use?.type !== 'VariableDeclarator' || use.id?.type !== 'Identifier') return undefined;
  const binding = model.scopeAt(use).resolve(use.id.name as string);
  if (!binding || binding.id !== use.id || binding.references.length !== 1) return undefined;
  const ref = binding.references[0]!;
  const call = useSite(ref, model);
  return isFirstArgument(ref, call) ? call : undefined;
}

function isFirstArgument(node: Node, call: Node | undefined): boolean {
  if (call?.type !== 'NewExpression' && call?.type !== 'CallExpression') return false;
  const first = call.arguments?.[0];
  for (let n: Node | undefined = first; n; n = TRANSPARENT.has(n.type) ? (n.expression as Node | undefined) : undefined) if (n === node) return true;
  return false;
}
