// The CLI loads the transforms to run their text gates; Babel (0.5 MB of JavaScript) is loaded
// only when a file is parsed, so a run over a tree where no file passes the gates never loads it.
import { describe, expect, it } from 'vitest';
import { registry } from '../../codemods';
import { parserStats } from '../../src/codemod/parser';
import { makeTree, parseJson, runIn } from '../cli/helpers';

describe('Babel is loaded on the first parse', () => {
  it('not for a tree without OpenTelemetry, nor for one whose OpenTelemetry files set nothing up; once for a setup', async () => {
    const plain = makeTree({ 'src/a.ts': 'export const a = 1;\n', 'src/b.js': 'module.exports = require("./a");\n' });
    const apiOnly = makeTree({ 'src/t.ts': `import { trace } from '@opentelemetry/api';\nexport const stop = () => trace.disable();\n` });
    for (const root of [plain, apiOnly]) {
      const out = await runIn(root, ['add-guards', '--dry', '--json', '.'], { registry });
      expect(out.code).toBe(0);
      expect(parserStats.babelLoads).toBe(0);
    }
    expect(parseJson((await runIn(apiOnly, ['add-guards', '--dry', '--json', '.'], { registry })).stdout).files).toEqual([{ path: 'src/t.ts', status: 'unchanged' }]);
    const setup = makeTree({ 'src/otel.js': `const { NodeSDK } = require('@opentelemetry/sdk-node');\nnew NodeSDK().start();\n` });
    for (let run = 0; run < 2; run++) {
      const files = parseJson((await runIn(setup, ['add-guards', '--dry', '--json', '.'], { registry })).stdout).files;
      expect(files).toHaveLength(1);
      expect(files[0].status).not.toBe('error'); // parsed and analysed (what is left is listed)
    }
    expect(parserStats.babelLoads).toBe(1);
  });
});
