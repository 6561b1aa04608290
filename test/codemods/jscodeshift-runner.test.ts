// The built transforms are standard jscodeshift modules: jscodeshift's own Runner (what
// `npx jscodeshift -t node_modules/eslint-plugin-otel-safe/dist/codemods/<name>.js` uses)
// loads and applies them.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dist = join(__dirname, '..', '..', 'dist', 'codemods', 'add-guards.js');
const dir = mkdtempSync(join(tmpdir(), 'otel-safe-jscodeshift-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(dist))('jscodeshift Runner with dist/codemods/add-guards.js', () => {
  it('rewrites a .mts file and skips a file without OpenTelemetry', async () => {
    const otel = join(dir, 'tracing.mts');
    const plain = join(dir, 'plain.ts');
    writeFileSync(otel, "import { registerOTel } from '@vercel/otel';\nexport function GET() {\n  registerOTel('shop');\n  return new Response('ok');\n}\n");
    writeFileSync(plain, 'export const x = <T,>(v: T) => v;\n');
    const { run } = require('jscodeshift/src/Runner') as { run: (t: string, p: string[], o: object) => Promise<Record<string, number>> };
    const stats = await run(dist, [dir], { dry: false, silent: true, babel: false, extensions: 'ts,tsx,mts,cts,js,jsx,mjs,cjs', cpus: 1, runInBand: true });
    expect(stats.error).toBe(0);
    expect(stats.ok).toBe(1);
    expect(stats.skip).toBe(1);
    expect(readFileSync(otel, 'utf8')).toContain("if (!(Symbol.for('otel-safe.registerOTel') in globalThis)) {");
    expect(readFileSync(plain, 'utf8')).toBe('export const x = <T,>(v: T) => v;\n');
  });
});
