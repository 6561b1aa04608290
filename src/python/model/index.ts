// The model of one Python file, built once per tree and shared by every check: scopes and
// bindings, a resolver from expressions to what the table knows, every call, the functions
// and their callers. Checks ask it named questions (model/*.ts); none walks the tree again.
import type { OtelSafeSettings } from '../../core/settings';
import type { PyNode, PyTree } from '../nodes';
import { walk } from '../nodes';
import type { PyTable } from '../table';
import { getPyTable } from '../table';
import type { Functions } from './functions';
import { collectFunctions } from './functions';
import type { Scopes } from './scope';
import { collectScopes } from './scope';
import type { Resolver } from './values';
import { createResolver } from './values';

export interface PyModel {
  readonly tree: PyTree;
  readonly text: string;
  readonly filename: string;
  readonly table: PyTable;
  readonly scopes: Scopes;
  readonly resolver: Resolver;
  /** Every call in source order. */
  readonly calls: readonly PyNode[];
  readonly functions: Functions;
}

/** Models built, for the fast-path test. */
export const modelStats = { built: 0 };

const cache = new WeakMap<PyNode, Map<PyTable, PyModel>>();

/** The model of a parsed file (one per tree and table). */
export function getPyModel(tree: PyTree, filename: string, settings: OtelSafeSettings | undefined): PyModel {
  const table = getPyTable(settings);
  let byTable = cache.get(tree.root);
  if (!byTable) cache.set(tree.root, (byTable = new Map()));
  let model = byTable.get(table);
  if (!model) byTable.set(table, (model = buildModel(tree, filename, table)));
  return model;
}

function buildModel(tree: PyTree, filename: string, table: PyTable): PyModel {
  modelStats.built++;
  const scopes = collectScopes(tree.root);
  const resolver = createResolver(scopes, table);
  // one walk for what the function table needs: every call and every function definition
  const calls: PyNode[] = [];
  const definitions: PyNode[] = [];
  walk(tree.root, (n) => {
    if (n.type === 'call') calls.push(n);
    else if (n.type === 'function_definition') definitions.push(n);
  });
  const functions = collectFunctions(definitions, calls, resolver, filename);
  return { tree, text: tree.text, filename, table, scopes, resolver, calls, functions };
}
