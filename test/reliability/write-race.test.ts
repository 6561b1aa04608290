// Compare before replace (src/cli/write.ts): an edit saved while otel-codemod processed the
// file (an editor's autosave) survives; the file is reported, the rest of the run goes on.
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/cli/registry';
import { writeHooks } from '../../src/cli/write';
import { listTree, makeTree, read, runIn } from '../cli/helpers';

const SETUP = "const { NodeSDK } = require('@opentelemetry/sdk-node');\nconst sdk = new NodeSDK({});\nsdk.start();\n";

afterEach(() => {
  delete writeHooks.beforeCompare;
});

async function runAddShutdownHandler(root: string): Promise<{ code: number; files: { path: string; status: string; error?: string }[] }> {
  const { code, stdout } = await runIn(root, ['add-shutdown-handler', '--json', '.'], { registry: await loadRegistry() });
  return { code, files: (JSON.parse(stdout) as { files: { path: string; status: string; error?: string }[] }).files };
}

/** What the report says add-shutdown-handler fixed in SETUP (the `sdk.start()` on line 3). */
const FIXED_SHUTDOWN = expect.objectContaining({ ruleId: 'otel-safe/require-shutdown-handler', line: 3 });

describe('a file edited between read and write', () => {
  it('keeps the edit, reports the file as changed during the run, and writes the other files', async () => {
    const root = makeTree({ 'a.js': SETUP, 'b.js': SETUP });
    const edited = `${SETUP}// saved by the editor while otel-codemod ran\n`;
    writeHooks.beforeCompare = (file) => {
      if (path.basename(file) === 'a.js') writeFileSync(file, edited);
    };
    const { code, files } = await runAddShutdownHandler(root);
    expect(code).toBe(3);
    expect(files).toEqual([
      { path: 'a.js', status: 'error', error: expect.stringMatching(/^changed during the run, not written/) },
      { path: 'b.js', status: 'changed', fixed: [FIXED_SHUTDOWN] },
    ]);
    expect(read(root, 'a.js')).toBe(edited);
    expect(read(root, 'b.js')).toMatch(/process\.once\(\s*'SIGTERM'/);
    expect(listTree(root)).toEqual(['a.js', 'b.js']); // no temp file left behind
  });

  it('is caught by content when size, mtime and inode are all unchanged', async () => {
    const root = makeTree({ 'a.js': SETUP });
    const file = path.join(root, 'a.js');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const sameSize = SETUP.replace('const sdk', 'const SDK').replace('sdk.start', 'SDK.start');
    expect(sameSize.length).toBe(SETUP.length);
    writeHooks.beforeCompare = (p) => {
      writeFileSync(p, sameSize); // in place: same inode
      utimesSync(p, 1_700_000_000, 1_700_000_000);
    };
    const { code, files } = await runAddShutdownHandler(root);
    expect(code).toBe(3);
    expect(files[0]).toMatchObject({ path: 'a.js', status: 'error' });
    expect(read(root, 'a.js')).toBe(sameSize);
  });

  it('writes as before when nothing touched the file', async () => {
    const root = makeTree({ 'a.js': SETUP });
    let compared = 0;
    writeHooks.beforeCompare = () => void compared++;
    const { code, files } = await runAddShutdownHandler(root);
    expect({ code, files, compared }).toEqual({ code: 0, files: [{ path: 'a.js', status: 'changed', fixed: [FIXED_SHUTDOWN] }], compared: 1 });
    expect(read(root, 'a.js')).toMatch(/process\.once\(\s*'SIGTERM'/);
  });
});
