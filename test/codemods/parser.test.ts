// The codemods' parser reads what real setup files contain: import attributes in both spellings
// (`with`, and the older `assert` that Node 17–21 took; one of the real-world files uses it).
import { describe, expect, it } from 'vitest';
import { transforms } from '../../codemods';
import { createRequire } from 'node:module';
import { analysisParserFor, parserFor } from '../../src/codemod/parser';
import { options } from '../../src/codemod/parser-options';
import type { API } from '../../src/codemod/types';

const require = createRequire(import.meta.url);

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

describe("the analyses' parser on JavaScript files (JavaScript first, TypeScript's syntax only when that fails)", () => {
  const parse = (file: string, text: string) => analysisParserFor(file).parse(text).program;
  const firstExpression = (file: string, text: string) => parse(file, text).body[0].expression;

  it('reads a JavaScript text as JavaScript where TypeScript would read it otherwise', () => {
    // `f < a > (b)` compares in JavaScript; TypeScript's syntax makes it a call with a type argument
    expect(firstExpression('cmp.js', 'f < a > (b);').type).toBe('BinaryExpression');
    expect(firstExpression('cmp.ts', 'f < a > (b);').type).toBe('CallExpression');
  });

  it('still parses a .js file only TypeScript syntax reads (Flow-style annotations), as it always did', () => {
    const annotated = 'export function start(sdk: Sdk): void { sdk.start(); }\n';
    expect(parse('tracing.js', annotated).body[0].declaration.params[0].typeAnnotation).toBeDefined();
    expect(parse('tracing.jsx', 'const a = <T,>(x: T) => x;\nexport default <div>{a(1)}</div>;\n').body).toHaveLength(2);
  });

  it('reports a text neither reads with the error it gave before', () => {
    const broken = 'const = 1;\n';
    let before: unknown;
    try {
      // what the parse said before: TypeScript's syntax and JSX for every JavaScript file
      require('@babel/parser').parse(broken, { ...options(true), tokens: false });
    } catch (error) {
      before = error;
    }
    expect(before).toBeInstanceOf(SyntaxError);
    expect(() => parse('broken.js', broken)).toThrow((before as Error).message);
  });
});
