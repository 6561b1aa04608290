#!/usr/bin/env node
// Counts for the Python real-world set, as printed in docs/python-realworld.md:
//   node bench/realworld/python-stats.mjs [--json]
// Per check: entries with at least one label (positive entries), labelled findings, entries
// without a label for it (negative entries), and the look-alike lines that must stay silent.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function loadPythonManifest(file = path.join(here, 'python.manifest.json')) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

const bump = (map, key, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/** The version pins the reloader check depends on, bucketed around the 0.63b0 fix. */
export function versionBucket(value) {
  const m = /^0\.(\d+)b\d+$/.exec(value);
  if (!m) return value === 'n/a' ? 'n/a (library)' : 'unknown';
  return Number(m[1]) <= 62 ? '<= 0.62b1' : '>= 0.63b0';
}

export function summarize(manifest) {
  const { entries, rules } = manifest;
  const kinds = new Map();
  const sets = new Map();
  const versions = new Map();
  const perRule = new Map(rules.map((r) => [r, { positiveEntries: 0, findings: 0, negativeEntries: 0, projectLabels: 0, lookalikes: 0, holdoutPositives: 0 }]));
  for (const e of entries) {
    bump(kinds, e.kind);
    bump(sets, e.set);
    bump(versions, versionBucket(e.instrumentationVersion.value));
    for (const rule of rules) {
      const stats = perRule.get(rule);
      const found = e.labels[rule] ?? [];
      if (found.length) {
        stats.positiveEntries++;
        stats.findings += found.length;
        if (e.set === 'holdout') stats.holdoutPositives++;
      } else stats.negativeEntries++;
      stats.projectLabels += (e.projectLabels ?? []).filter((p) => p.rule === rule).length;
      stats.lookalikes += (e.lookalikes ?? []).filter((l) => l.rule === rule).length;
    }
  }
  return {
    entries: entries.length,
    repositories: new Set(entries.map((e) => e.repo)).size,
    cleanEntries: entries.filter((e) => Object.keys(e.labels).length === 0).length,
    harmlessLookalikes: entries.flatMap((e) => e.lookalikes ?? []).filter((l) => l.rule === '*').length,
    outOfScope: entries.flatMap((e) => e.outOfScope ?? []).length,
    kinds: Object.fromEntries([...kinds].sort()),
    sets: Object.fromEntries([...sets].sort()),
    instrumentationVersions: Object.fromEntries([...versions].sort()),
    rules: Object.fromEntries(perRule),
  };
}

function printTable(s) {
  const out = [];
  out.push(`${s.entries} entries from ${s.repositories} repositories; ${s.cleanEntries} without any label`);
  out.push(`sets: ${JSON.stringify(s.sets)}`);
  out.push(`kinds: ${JSON.stringify(s.kinds)}`);
  out.push(`opentelemetry-instrumentation: ${JSON.stringify(s.instrumentationVersions)}`);
  out.push('check | positive entries (holdout) | findings | negative entries | project labels | look-alikes');
  for (const [rule, r] of Object.entries(s.rules)) {
    out.push(`${rule} | ${r.positiveEntries} (${r.holdoutPositives}) | ${r.findings} | ${r.negativeEntries} | ${r.projectLabels} | ${r.lookalikes}`);
  }
  out.push(`harmless look-alikes (no check may report): ${s.harmlessLookalikes}; out-of-scope hazards: ${s.outOfScope}`);
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const stats = summarize(loadPythonManifest());
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(stats, null, 2)}\n` : `${printTable(stats)}\n`);
}
