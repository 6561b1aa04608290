// The codemods' parser reads what real setup files contain: import attributes in both spellings
// (`with`, and the older `assert` that Node 17–21 took; one of the real-world files uses it).
import { describe, expect, it } from 'vitest';
import { transforms } from '../../codemods';
import { parserFor } from '../../src/codemod/parser';
import type { API } from '../../src/codemod/types';

const setup = (attributes: string) => `import manifest from './package.json' ${attributes} { type: 'json' };
import { NodeSDK } from '@opentelemetry/sdk-node';
export const sdk = new NodeSDK({ serviceName: manifest.name });
sdk.start();
`;

describe('codemod parser', () => {
  for (const keyword of ['with', 'assert']) {
    it(`parses import attributes written with \`${keyword}\`, and a transform runs on the file`, () => {
      for (const path of ['tracing.ts', 'tracing.mjs']) expect(() => parserFor(path).parse(setup(keyword))).not.toThrow();
      const out = transforms['add-shutdown-handler']!.run({ path: 'tracing.ts', source: setup(keyword) }, {} as API, { settings: {} });
      expect(out).toContain(`'./package.json' ${keyword} { type: 'json' }`);
      expect(out).toContain("process.once('beforeExit'");
    });
  }
});
