import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findWorkerConfig, isWorkerModule } from '../../src/project/wrangler';

const p = (rel: string) => join(__dirname, '..', 'fixtures', 'projects', rel);

describe('Worker projects (wrangler configuration)', () => {
  it('reads the top-level `main` of wrangler.toml (a comment after it, an env table later)', () => {
    expect(findWorkerConfig(p('worker-wrangler-toml/src/lib/otel.ts'))).toEqual({ config: p('worker-wrangler-toml/wrangler.toml'), entry: p('worker-wrangler-toml/src/index.ts') });
  });

  it('reads `main` of wrangler.jsonc (comments, a trailing comma, a ./ path)', () => {
    expect(findWorkerConfig(p('worker-wrangler-jsonc/src/telemetry/setup.ts'))?.entry).toBe(p('worker-wrangler-jsonc/src/worker.ts'));
  });

  it('finds none in a project without a wrangler configuration', () => {
    expect(findWorkerConfig(p('importer-flush-exit/src/otel.ts'))).toBeUndefined();
  });

  it('counts the entry and what it imports (through other modules) as the Worker, not an unimported script', () => {
    const worker = findWorkerConfig(p('worker-wrangler-toml/src/index.ts'))!;
    expect(isWorkerModule(p('worker-wrangler-toml/src/index.ts'), worker)).toBe(true);
    expect(isWorkerModule(p('worker-wrangler-toml/src/lib/otel.ts'), worker)).toBe(true);
    expect(isWorkerModule(p('worker-wrangler-toml/scripts/seed.ts'), worker)).toBe(false);
  });
});
