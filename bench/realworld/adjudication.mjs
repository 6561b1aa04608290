// Applies the second engineer's verdicts (js.adjudication.json) to the manifest's labels.
//
// A blind set is scored once as labelled; after scoring, a second engineer reads every false
// positive and every miss against the project and the locked package versions. Where the label
// is wrong, the verdict is recorded with its evidence in js.adjudication.json and docs/precision.md,
// and `score.mjs --adjudicated` scores against the corrected labels. The manifest itself keeps the
// labeller's labels, so the blind number stays reproducible too.
//
// A verdict is { id, rule, line, change: 'add' | 'remove', verdict, evidence }:
// - 'add': a report on that line was a false positive as labelled, but the labeller was wrong;
// - 'remove': a labelled line is wrong or outside the rule's documented scope.

/**
 * Returns a copy of `manifest` with `verdicts` applied, and throws naming the verdict when one
 * does not fit the manifest (an unknown id, an 'add' on a line already labelled, a 'remove' of a
 * line that has no label), so a stale verdict can never change a score silently.
 */
export function applyAdjudication(manifest, verdicts) {
  const byId = new Map(manifest.map((entry) => [entry.id, structuredClone(entry)]));
  for (const [i, v] of verdicts.entries()) {
    const where = `verdict ${i + 1} (${v.id}:${v.line} ${v.rule})`;
    const entry = byId.get(v.id);
    if (!entry) throw new Error(`${where}: no manifest entry has this id`);
    if (typeof v.evidence !== 'string' || v.evidence.length < 20) throw new Error(`${where}: evidence is missing`);
    const labels = (entry.labels[v.rule] ??= []);
    const at = labels.findIndex((l) => l.line === v.line);
    if (v.change === 'add') {
      if (at !== -1) throw new Error(`${where}: the line is already labelled`);
      labels.push({ line: v.line, why: `adjudicated (${v.verdict}): ${v.evidence}` });
    } else if (v.change === 'remove') {
      if (at === -1) throw new Error(`${where}: no label on this line to remove`);
      labels.splice(at, 1);
      if (labels.length === 0) delete entry.labels[v.rule];
    } else {
      throw new Error(`${where}: change must be 'add' or 'remove', not ${JSON.stringify(v.change)}`);
    }
  }
  return manifest.map((entry) => byId.get(entry.id));
}
