// What `no-auto-instrumentation-conflict` reports: SDK setup in code in a package whose
// scripts / NODE_OPTIONS / Dockerfile already preload an SDK-starting module.
import type { FileModel } from '../analysis';
import { getRegistrationSites } from '../analysis';
import { findPreloads } from '../project/preload';
import type { Finding } from './types';

export type AutoInstrumentationConflictMessageId = 'setupWithPreload';

/** Every report of `no-auto-instrumentation-conflict` for a file. */
export function checkAutoInstrumentationConflict(model: FileModel): Finding<AutoInstrumentationConflictMessageId>[] {
  const sites = getRegistrationSites(model).filter((s) => s.kind !== 'side-effect-import' && (s.globals.includes('trace') || s.globals.includes('instrumentations')));
  if (sites.length === 0) return [];
  const preloads = findPreloads(model.filename, model.table).filter((p) => !model.filename.includes(p.module));
  if (preloads.length === 0) return [];
  const p = preloads[0]!;
  return sites.map((site) => ({
    messageId: 'setupWithPreload' as const,
    node: site.node,
    data: {
      label: site.label,
      module: p.module,
      source: p.source,
      what: site.kind === 'instrumentations' ? 'its instrumentations patch the same modules again' : 'two SDKs start: this registration is ignored by the first-wins API and instrumentations are patched twice',
    },
    suggestions: [],
  }));
}
