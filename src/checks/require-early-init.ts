// What `require-early-init` reports: in the file that starts the SDK, instrumentable
// libraries loaded before the start (any static import in ESM: imports run first). The file
// that starts it may import the SDK from a project module (NestJS: `await otelSDK.start()` in
// main.ts's bootstrap(), `@nestjs/core` imported above it): src/analysis/imported-sdk.ts.
import { isBuiltin } from 'node:module';
import type { FileModel } from '../analysis';
import { getRegistrationSites } from '../analysis';
import { isLoadedOnlyToConfigureOtel } from '../analysis/config-only-load';
import { startedOnLoad } from '../analysis/duplicates';
import { importedSdkStarts } from '../analysis/imported-sdk';
import { getInstrumentationEntries } from '../analysis/instrumentations';
import type { Node } from '../ast/node';
import { getLine, getRange, getStaticRequire } from '../ast/node';
import { BUNDLES, instrumentationsOfModule } from '../otel/bundles';
import { isScriptPreload } from '../project/frameworks';
import { compilesImportsInPlace } from '../project/module-format';
import type { Report } from './types';
import type { Messages } from '../core/messages';
import { defineJsCheck, type JsCheck } from './define';

export type EarlyInitMessageId = 'loadedBeforeStart' | 'importedBeforeStart';

/** The messages of `require-early-init` (the rule's `meta.messages`; every other surface formats them too). */
export const messages: Messages<EarlyInitMessageId> = {
  loadedBeforeStart:
    '`{{module}}` is required before `{{label}}` (line {{line}}) starts the SDK: `{{instrumentation}}` patches a CommonJS module only when it is required after the start, so calls through this reference produce no spans until some module requires it again. Require it after the start, or move the setup into its own file preloaded with `node --require`.',
  importedBeforeStart:
    '`{{module}}` is imported in the file that starts the SDK (`{{label}}`, line {{line}}): static imports are evaluated before any code of the module, so `{{instrumentation}}` never patches it and its calls produce no spans. Move the SDK setup into its own file and load it first: `node --require` for CommonJS, or `node --import` for ESM with the loader hook registered in that file (`register(\'@opentelemetry/instrumentation/hook.mjs\', import.meta.url)`).',
};

/** `require-early-init`'s detection, shared by the rule, the codemods and doctor. */
export const requireEarlyInit: JsCheck<EarlyInitMessageId, undefined> = defineJsCheck({ ruleId: 'require-early-init', messages, check: checkEarlyInit, startFiles: true });

/** Every report of `require-early-init` for a file. */
export function checkEarlyInit(model: FileModel): Report<EarlyInitMessageId>[] {
  const start = firstStart(model);
  if (!start || start.platform === 'web') return [];
  const enabled = enabledInstrumentations(start.sdkModule);
  if (enabled.size === 0) return [];
  const startPos = topLevelStart(start.node, model);
  const preloaded = isScriptPreload(model.filename);
  const findings: Report<EarlyInitMessageId>[] = [];
  let inPlace: boolean | undefined;
  for (const load of model.moduleLoads) {
    // Node's own modules are patched on their shared exports object, whenever they were loaded
    if (isBuiltin(load.module)) continue;
    const instrumented = instrumentationsOfModule(load.module).filter((m) => enabled.has(m.name) || enabled.has('*'));
    if (instrumented.length === 0) continue;
    // `Metadata`/`credentials` of @grpc/grpc-js for the exporter: nothing traced goes through it (E3)
    if (isLoadedOnlyToConfigureOtel(load, model)) continue;
    const data = { module: load.module, label: start.label, line: String(getLine(start.node)), instrumentation: instrumented[0]!.name };
    const isStatic = load.node.type === 'ImportDeclaration' || load.node.type === 'TSImportEqualsDeclaration' || load.node.type.startsWith('Export');
    // TypeScript that tsc compiles to CommonJS keeps each import in place as a `require` (holdout12 sweep)
    if (isStatic && load.node.type !== 'TSImportEqualsDeclaration' && !(inPlace ??= compilesImportsInPlace(model.filename))) {
      findings.push({ messageId: 'importedBeforeStart', range: getRange(load.node), data, suggestions: [] });
      continue;
    }
    // require()/import= (and imports compiled in place) run in order: too early when it runs at module level before the start statement
    if (topLevelStatement(load.node, model) === undefined) continue;
    // a preload runs before the app, whose own later require of the module patches the shared
    // exports in place (this early reference included): test/runtime/early-init.test.ts
    if (preloaded) continue;
    if (getRange(load.node)[0] < startPos) findings.push({ messageId: 'loadedBeforeStart', range: getRange(load.node), data, suggestions: [] });
  }
  return findings;
}

interface Start {
  readonly node: Node;
  readonly label: string;
  readonly platform: string | undefined;
  /** The file that builds the SDK: this one, or the project module it is imported from. */
  readonly sdkModule: FileModel;
}

/** The file's first SDK start: a registration here, else `x.start()` of an SDK another project module exports (NestJS's main.ts). */
function firstStart(model: FileModel): Start | undefined {
  const starts = getRegistrationSites(model).filter((s) => s.kind !== 'api' && s.kind !== 'provider-register' && (s.globals.includes('instrumentations') || s.kind === 'sdk-start' || s.kind === 'sdk-function'));
  const local = starts[0];
  if (local) return { node: local.node, label: local.label, platform: model.table.module(local.module)?.platform, sdkModule: model };
  // an exported factory's SDK (`createTracing().start()`) is left to require-shutdown-handler: which
  // imports of such a start file run first depends on how it is compiled, not read here
  const imported = importedSdkStarts(model).find((s) => !s.factory);
  if (!imported) return undefined;
  // a CommonJS module that starts its SDK at its own top level starts it where this file requires it
  // (`const tracer = require('./tracer')`, holdout15 sweep): what is required after that is patched
  const load = startedOnLoad(imported) ? model.moduleLoads.find((l) => l.module === imported.specifier && getStaticRequire(l.node) !== undefined) : undefined;
  if (load) return { node: load.node, label: model.source.slice(...getRange(load.node)), platform: imported.spec.platform, sdkModule: imported.module };
  return { node: imported.call, label: imported.label, platform: imported.spec.platform, sdkModule: imported.module };
}

/** Instrumentations the file's SDK enables; `*` when a bundle or preload enables the whole default set. */
function enabledInstrumentations(model: FileModel): Set<string> {
  const out = new Set<string>();
  for (const e of getInstrumentationEntries(model)) for (const m of e.members) out.add(m);
  for (const s of getRegistrationSites(model)) {
    if (s.kind === 'side-effect-import' && s.globals.includes('instrumentations')) for (const m of BUNDLES.node.instrumentations) if (m.defaultEnabled) out.add(m.name);
  }
  return out;
}

function topLevelStatement(node: Node, model: FileModel): Node | undefined {
  let prev = node;
  for (const a of model.ancestors(node)) {
    if (a === model.program) return prev;
    if (a.type.includes('Function') || a.type === 'ClassBody') return undefined;
    prev = a;
  }
  return undefined;
}

function topLevelStart(node: Node, model: FileModel): number {
  const stmt = topLevelStatement(node, model);
  return getRange(stmt ?? node)[0];
}
