// What `no-batch-processor-in-dev` reports, computed once for the rule and the
// `dev-simple-processor` codemod: batch processors (explicit, or implicit in an SDK
// setup, otel-api-surface.md §2.3) in a dev entrypoint or a dev-only branch.
import type { FileModel } from '../analysis';
import type { BatchingSite } from '../analysis/lifecycle';
import { envBranchOf, getBatchingSites } from '../analysis/lifecycle';
import { planSimpleForExplicit, planSimpleForImplicit } from '../fix/dev-simple-processor';
import { devEntrypointReason } from '../project';
import type { Finding } from './types';

export type BatchProcessorInDevMessageId = 'batchProcessorInDev' | 'implicitBatchInDev' | 'useSimpleProcessor' | 'useSimpleProcessorOutsideProduction';

/** How the dev context was found: `dev-only` code (a dev file or branch), or a file a dev script runs that production may run too. */
export type DevContext = 'dev-only' | 'shared';

/** Every report of `no-batch-processor-in-dev` for a file. */
export function checkBatchProcessorInDev(model: FileModel): Finding<BatchProcessorInDevMessageId>[] {
  const sites = getBatchingSites(model);
  if (sites.length === 0) return [];
  const findings: Finding<BatchProcessorInDevMessageId>[] = [];
  let fileReason: ReturnType<typeof devEntrypointReason> | null = null;
  for (const site of sites) {
    const branch = envBranchOf(site.node, model);
    if (branch === 'prod') continue;
    let context: DevContext;
    if (branch === 'dev') context = 'dev-only';
    else {
      if (fileReason === null) fileReason = devEntrypointReason(model.filename, model.settings.devEntrypoints);
      if (!fileReason) continue;
      context = fileReason === 'glob' ? 'dev-only' : 'shared';
    }
    findings.push(finding(site, context, model));
  }
  return findings;
}

function finding(site: BatchingSite, context: DevContext, model: FileModel): Finding<BatchProcessorInDevMessageId> {
  const where = context === 'dev-only' ? 'in development' : 'in this dev entrypoint';
  const suggestionId = context === 'dev-only' ? 'useSimpleProcessor' : 'useSimpleProcessorOutsideProduction';
  if (site.kind === 'explicit') {
    const data = { name: site.of.name, where };
    const edits = planSimpleForExplicit(site, context, model);
    return { messageId: 'batchProcessorInDev', node: site.node, data, suggestions: edits ? [{ messageId: suggestionId, data, edits }] : [] };
  }
  const data = {
    name: site.of.name,
    where,
    how: site.traceExporter ? 'wraps `traceExporter` in a BatchSpanProcessor' : 'batches spans on its own',
  };
  const edits = planSimpleForImplicit(site, context, model);
  return { messageId: 'implicitBatchInDev', node: site.node, data, suggestions: edits ? [{ messageId: suggestionId, data, edits }] : [] };
}
