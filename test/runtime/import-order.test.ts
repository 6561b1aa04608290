// What require-early-init assumes about a TypeScript file's imports (src/project/module-format.ts): `tsc` compiling
// to CommonJS writes each `import` as a `require` where it stands, so a start above an import runs before it; esbuild
// (tsx, tsup) keeps ES semantics and hoists every import above the code. Both compilers as installed here.
import { transformSync } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const source = `import { sdk } from './tracing';
sdk.start();
import { NestFactory } from '@nestjs/core';
void NestFactory;
`;

/** The order of the `require` of @nestjs/core and the start in the compiled text. */
function order(compiled: string): 'start first' | 'require first' {
  return compiled.indexOf('.start()') < compiled.indexOf('require("@nestjs/core")') ? 'start first' : 'require first';
}

describe('import order of TypeScript compiled to CommonJS', () => {
  it(`tsc ${ts.version} (module: CommonJS) keeps each import in place: the start runs before the later require`, () => {
    const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    expect(out).toContain('require("@nestjs/core")');
    expect(order(out)).toBe('start first');
  });

  it('esbuild (format: cjs, as tsx and tsup run it) hoists every import above the start', () => {
    const out = transformSync(source, { loader: 'ts', format: 'cjs' }).code;
    expect(out).toContain('require("@nestjs/core")');
    expect(order(out)).toBe('require first');
  });
});
