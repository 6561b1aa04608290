// guard-registration: makes every OpenTelemetry registration that `no-duplicate-registration`
// reports run once per process.
//   - `sdk.start()` / `provider.register()` in re-runnable code, with the object declared in
//     the same block: the block becomes a factory kept in `globalThis[Symbol.for('otel-safe.<Class>')]`;
//   - `this.sdk = new X(); this.sdk.start();` in constructors and methods: the same, assigned to `this.sdk`;
//   - `const sdk = startNodeSdk(...)`: `??=` on the slot;
//   - any other registration statement (`registerOTel()`, `Sentry.init()`, `trace.setGlobalTracerProvider(p)`):
//     wrapped in `if (!(Symbol.for(...) in globalThis)) { ... }`;
//   - a repeated registration of the same object: removed (with imports it leaves unused).
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import { runJsCheck } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import { noDuplicateRegistration } from '../src/checks/no-duplicate-registration';

/** jscodeshift reads this; the transform itself picks `ts` or `tsx` flavour by file extension. */
export const parser = tsxParser;

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return runJsCheck(file, options, noDuplicateRegistration, { exportedInit: 'evidence' });
}
