// The Python real-world manifest is data other tools score against, so its shape is pinned
// here: sizes the issue asks for, well-formed pins, labels that name known checks and carry
// their evidence, and no line that is both a labelled finding and a must-stay-silent look-alike.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without type declarations
import { loadPythonManifest, summarize } from '../../bench/realworld/python-stats.mjs';

interface Finding { line: number; endLine?: number; why: string; scope?: string; trigger?: { file: string; line: number; kind: string } }
interface ProjectLabel { rule: string; file: string; line: number; combinesWith: string; sameFindingAs?: number; why: string }
interface Lookalike { rule: string; line: number; endLine?: number; why: string }
interface Entry {
  id: string; repo: string; commit: string; path: string; blob: string; set: string; kind: string;
  context: string[]; labels: Record<string, Finding[]>; projectLabels?: ProjectLabel[]; lookalikes?: Lookalike[];
  outOfScope?: { file: string; line: number; why: string }[];
  instrumentationVersion: { value: string; source: string }; configurator: string; notes: string;
}
interface Manifest { language: string; rules: string[]; entries: Entry[] }

const manifest: Manifest = loadPythonManifest();
const { entries, rules } = manifest;
const HEX40 = /^[0-9a-f]{40}$/;
const KINDS = new Set(['flask', 'gunicorn', 'fastapi', 'django', 'celery', 'script', 'library', 'clean', 'docker-cli']);
const isRepoPath = (p: string) => p.length > 0 && !p.startsWith('/') && !p.split('/').includes('..');
const span = (f: { line: number; endLine?: number }) => [f.line, f.endLine ?? f.line] as const;

describe('python real-world manifest', () => {
  it('has the size issue 14 asks for, with about a third held out', () => {
    const stats = summarize(manifest);
    expect(stats.entries).toBeGreaterThanOrEqual(40);
    expect(stats.repositories).toBeGreaterThanOrEqual(30);
    const holdout = stats.sets.holdout / stats.entries;
    expect(holdout).toBeGreaterThan(0.25);
    expect(holdout).toBeLessThan(0.4);
  });

  it('pins every entry to one commit and blob per repository', () => {
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    const commitOf = new Map<string, string>();
    for (const e of entries) {
      expect(e.commit, e.id).toMatch(HEX40);
      expect(e.blob, e.id).toMatch(HEX40);
      expect(e.repo, e.id).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(commitOf.get(e.repo) ?? e.commit, `${e.repo} pinned twice`).toBe(e.commit);
      commitOf.set(e.repo, e.commit);
      expect(['dev', 'holdout']).toContain(e.set);
      expect(KINDS.has(e.kind), `${e.id}: kind ${e.kind}`).toBe(true);
      expect([e.path, ...e.context].every(isRepoPath), e.id).toBe(true);
      expect(e.instrumentationVersion.value, e.id).toMatch(/^(0\.\d+b\d+|unknown|n\/a)$/);
      expect(e.instrumentationVersion.source.length, e.id).toBeGreaterThan(0);
    }
  });

  it('labels only known checks, each finding with a line and its evidence', () => {
    for (const e of entries) {
      for (const [rule, found] of Object.entries(e.labels)) {
        expect(rules, `${e.id}: ${rule}`).toContain(rule);
        expect(found.length, `${e.id}: empty ${rule}`).toBeGreaterThan(0);
        for (const f of found) {
          const [from, to] = span(f);
          expect(from, e.id).toBeGreaterThanOrEqual(1);
          expect(to, e.id).toBeGreaterThanOrEqual(from);
          expect(f.why.length, e.id).toBeGreaterThan(20);
          if (f.trigger) expect(isRepoPath(f.trigger.file) && ['launch-config', 'readme', 'in-file', 'test-fixture'].includes(f.trigger.kind), e.id).toBe(true);
        }
      }
      for (const p of e.projectLabels ?? []) {
        expect(rules, e.id).toContain(p.rule);
        expect(isRepoPath(p.file) && p.combinesWith === e.path, e.id).toBe(true);
        if (p.sameFindingAs !== undefined) {
          expect((e.labels[p.rule] ?? []).some((f) => f.line === p.sameFindingAs), `${e.id}: sameFindingAs`).toBe(true);
        }
      }
    }
  });

  it('never marks a labelled line as a look-alike of the same check', () => {
    for (const e of entries) {
      for (const l of e.lookalikes ?? []) {
        expect(l.rule === '*' || rules.includes(l.rule), `${e.id}: ${l.rule}`).toBe(true);
        const [lf, lt] = span(l);
        const clashes = Object.entries(e.labels)
          .filter(([rule]) => l.rule === '*' || rule === l.rule)
          .flatMap(([, found]) => found)
          .filter((f) => span(f)[0] <= lt && lf <= span(f)[1]);
        expect(clashes, `${e.id}: look-alike overlaps a finding`).toEqual([]);
      }
    }
  });

  it('counts every entry once per check as positive or negative', () => {
    const stats = summarize(manifest);
    for (const rule of rules) {
      const r = stats.rules[rule];
      expect(r.positiveEntries + r.negativeEntries).toBe(entries.length);
      expect(r.findings).toBeGreaterThanOrEqual(r.positiveEntries);
    }
  });
});
