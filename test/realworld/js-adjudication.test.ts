// The adjudicated score corrects the labeller's labels with the second engineer's verdicts; a verdict
// that no longer fits the manifest must stop the score rather than change it silently.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without type declarations
import { applyAdjudication } from '../../bench/realworld/adjudication.mjs';

interface Label { line: number; why: string }
interface Entry { id: string; set: string; labels: Record<string, Label[]> }
interface Verdict { id: string; rule: string; line: number; change: string; verdict: string; set: string; evidence: string }

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../bench/realworld/${name}`, import.meta.url), 'utf8')) as T;
const manifest = read<Entry[]>('js.manifest.json');
const verdicts = read<Verdict[]>('js.adjudication.json');
const entry = (id: string, labels: Entry['labels']): Entry => ({ id, set: 'x', labels });

describe('js adjudication', () => {
  it('applies every recorded verdict to the manifest, each to the set it names', () => {
    const adjudicated: Entry[] = applyAdjudication(manifest, verdicts);
    const byId = new Map(adjudicated.map((e) => [e.id, e]));
    for (const v of verdicts) {
      const e = byId.get(v.id)!;
      expect(e.set, v.id).toBe(v.set);
      const lines = (e.labels[v.rule] ?? []).map((l) => l.line);
      expect(lines.includes(v.line), `${v.id}:${v.line}`).toBe(v.change === 'add');
    }
  });

  it('leaves the labeller manifest untouched', () => {
    const before = JSON.stringify(manifest);
    applyAdjudication(manifest, verdicts);
    expect(JSON.stringify(manifest)).toBe(before);
  });

  it('adds a label with the verdict as its reason and removes an emptied rule', () => {
    const m = [entry('a', { r1: [{ line: 3, why: 'w' }] })];
    const out: Entry[] = applyAdjudication(m, [
      { id: 'a', rule: 'r2', line: 7, change: 'add', verdict: 'label wrong', evidence: 'the dev script restarts it with SIGTERM' },
      { id: 'a', rule: 'r1', line: 3, change: 'remove', verdict: 'outside scope', evidence: 'a runtime reload, not a bundler hot update' },
    ]);
    expect(out[0].labels).toEqual({ r2: [{ line: 7, why: 'adjudicated (label wrong): the dev script restarts it with SIGTERM' }] });
  });

  it.each([
    [{ id: 'nope', rule: 'r1', line: 3, change: 'remove' }, /no manifest entry/],
    [{ id: 'a', rule: 'r1', line: 3, change: 'add' }, /already labelled/],
    [{ id: 'a', rule: 'r1', line: 4, change: 'remove' }, /no label on this line/],
    [{ id: 'a', rule: 'r1', line: 4, change: 'flip' }, /change must be/],
    [{ id: 'a', rule: 'r1', line: 4, change: 'add', evidence: '' }, /evidence is missing/],
  ])('rejects a verdict that does not fit: %j', (v, message) => {
    const m = [entry('a', { r1: [{ line: 3, why: 'w' }] })];
    expect(() => applyAdjudication(m, [{ verdict: 'label wrong', evidence: 'long enough evidence text here', ...v }])).toThrow(message);
  });
});
