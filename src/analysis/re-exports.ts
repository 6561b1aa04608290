// The re-exports a module declares (`export { x as y } from './m'`, `export * from './m'`): how a barrel
// passes a setup module's exports on, read by the imported-SDK, importer-signal and caller searches.
import type { Node } from '../ast/node';
import type { FileModel } from './model';

/** A re-export of the module: `export { imported as exported } from 'source'`, or `export * from 'source'` (exported `*`). */
export interface ReExport {
  readonly source: string;
  readonly imported: string;
  readonly exported: string;
}

/** Every re-export of the module, in source order. */
export function reExports(module: FileModel): ReExport[] {
  const out: ReExport[] = [];
  for (const stmt of module.program.body as Node[]) {
    const source = stmt.source?.value;
    if (typeof source !== 'string') continue;
    if (stmt.type === 'ExportAllDeclaration' && !stmt.exported) out.push({ source, imported: '*', exported: '*' });
    if (stmt.type !== 'ExportNamedDeclaration') continue;
    for (const s of stmt.specifiers ?? []) {
      const exported = s.exported?.type === 'Identifier' ? s.exported.name : s.exported?.value;
      const local = s.local?.type === 'Identifier' ? s.local.name : s.local?.value;
      if (typeof exported === 'string' && typeof local === 'string') out.push({ source, imported: local, exported });
    }
  }
  return out;
}

/** Where a relative re-export may provide `name`: `export { x as name } from './m'` (x), `export * from './m'` (name; never `default`). */
export function reExportsOf(module: FileModel, name: string): { source: string; imported: string }[] {
  return reExports(module)
    .filter((r) => r.source.startsWith('.') && (r.exported === name || (r.exported === '*' && name !== 'default')))
    .map((r) => ({ source: r.source, imported: r.exported === '*' ? name : r.imported }));
}
