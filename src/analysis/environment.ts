// Where a file's code runs: dev-only and prod-only branches (`process.env.NODE_ENV`,
// `import.meta.env.DEV`), and the platform it runs on (Node, a browser or an edge runtime).
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { Node } from '../ast/node';
import { getKeyName, getPropertyName, getStringValue, isCall, isFunction, isMember, processEnvVariable, unwrap } from '../ast/node';
import { getProjectInfo } from '../project';
import { configuredPreloads } from '../project/preload';
import { getProjectFrameworks, svelteKitServerlessAdapter } from '../project/frameworks';
import { getProjectIndex } from '../project/project-index';
import { findWorkerConfig, isWorkerModule } from '../project/wrangler';
import type { FileModel } from './model';
import { projectFileModel } from './callers';
import { classifyFunction } from './rerunnable';
import { constInit } from './scope';


/** `dev`: the test is true in development; `prod`: true in production. */
export type EnvPolarity = 'dev' | 'prod';

const invert = (p: EnvPolarity | undefined): EnvPolarity | undefined => (p === 'dev' ? 'prod' : p === 'prod' ? 'dev' : undefined);

const DEV_VALUES = new Set(['development', 'dev', 'local']);
const PROD_VALUES = new Set(['production', 'prod']);

/** `process.env.NODE_ENV`, `process.env['NODE_ENV']`, `import.meta.env.MODE`, also normalised (`NODE_ENV?.toLowerCase()`, `.trim()`). */
function isModeExpression(n: Node, model?: FileModel): boolean {
  if (processEnvVariable(n) === 'NODE_ENV') return true;
  const e = unwrap(n);
  if (isCall(e) && e.arguments.length === 0 && isMember(unwrap(e.callee)) && NORMALISING_METHODS.has(getPropertyName(unwrap(e.callee)) ?? '')) return isModeExpression(unwrap(e.callee).object, model);
  if (model && e.type === 'Identifier') return isNamedEnvironment(e, model);
  return isMember(e) && getPropertyName(e) === 'MODE' && isImportMetaEnv(e.object);
}

/**
 * A const holding the mode, or the deployment's environment name with development as its default
 * (`const ENVIRONMENT = process.env.RAILWAY_ENVIRONMENT ?? 'development'`, holdout17 parsertime): unset
 * where a developer runs the app, so it reads as development there and names the deployment elsewhere.
 */
function isNamedEnvironment(id: Node, model: FileModel): boolean {
  const b = model.scopeAt(id).resolve(id.name);
  const init = constInit(b);
  if (!init) return false;
  if (isModeExpression(init)) return true;
  if (init.type !== 'LogicalExpression' || (init.operator !== '??' && init.operator !== '||')) return false;
  const fallback = getStringValue(unwrap(init.right));
  return processEnvVariable(init.left) !== undefined && fallback !== undefined && DEV_VALUES.has(fallback);
}

/** String methods that change only the case or the surrounding blanks of the mode. */
const NORMALISING_METHODS = new Set(['toLowerCase', 'toLocaleLowerCase', 'trim']);

/**
 * `NODE_ENV.startsWith('prod')` (or `'production'`): true in production and false for every
 * development value; other prefixes are no clear test of either.
 */
function prefixPolarity(t: Node): EnvPolarity | undefined {
  const callee = unwrap(t.callee);
  if (!isMember(callee) || getPropertyName(callee) !== 'startsWith' || t.arguments.length !== 1 || !isModeExpression(callee.object)) return undefined;
  const prefix = getStringValue(t.arguments[0]);
  return prefix === 'prod' || prefix === 'production' ? 'prod' : undefined;
}

/** `import.meta.env` (a bundler's build-time values). */
export function isImportMetaEnv(n: Node): boolean {
  const e = unwrap(n);
  return isMember(e) && getPropertyName(e) === 'env' && unwrap(e.object).type === 'MetaProperty';
}

/**
 * Whether a condition is true in development or in production: comparisons of
 * `process.env.NODE_ENV` / `import.meta.env.MODE` with a literal, `import.meta.env.DEV/PROD`,
 * `__DEV__`, their negations, and const aliases of them.
 */
export function conditionPolarity(test: Node, model: FileModel, depth = 0): EnvPolarity | undefined {
  if (depth > 4) return undefined;
  const t = unwrap(test);
  switch (t.type) {
    case 'UnaryExpression':
      return t.operator === '!' ? invert(conditionPolarity(t.argument, model, depth + 1)) : undefined;
    case 'BinaryExpression': {
      if (!['===', '==', '!==', '!='].includes(t.operator)) return undefined;
      const [mode, lit] = isModeExpression(t.left, model) ? [t.left, t.right] : isModeExpression(t.right, model) ? [t.right, t.left] : [undefined, undefined];
      const value = lit ? getStringValue(lit) : undefined;
      if (!mode || value === undefined) return undefined;
      const eq: EnvPolarity | undefined = PROD_VALUES.has(value) ? 'prod' : DEV_VALUES.has(value) ? 'dev' : undefined;
      return t.operator.startsWith('!') ? invert(eq) : eq;
    }
    case 'CallExpression':
    case 'OptionalCallExpression':
      return prefixPolarity(t);
    case 'LogicalExpression':
      if (t.operator === '&&') return conditionPolarity(t.left, model, depth + 1) ?? conditionPolarity(t.right, model, depth + 1);
      if (t.operator === '||') return disjunctionPolarity(t, model, depth);
      return undefined;
    case 'MemberExpression': {
      if (!isImportMetaEnv(t.object)) return undefined;
      const name = getPropertyName(t);
      return name === 'DEV' ? 'dev' : name === 'PROD' ? 'prod' : undefined;
    }
    case 'Identifier': {
      const b = model.scopeAt(t).resolve(t.name);
      if (!b) return t.name === '__DEV__' ? 'dev' : undefined;
      if (b.kind === 'const' && b.init && b.init.path.length === 0) return conditionPolarity(b.init.expr, model, depth + 1);
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * `NODE_ENV === 'production' || NODE_ENV === 'test'`: a production test that other non-development
 * values (`'test'`, `'staging'`) widen is still false in development, so it reads as a production
 * test (and its else arm as development). Each disjunct must be a production test or an equality
 * with a value that is not a development one, and one of them a production test.
 */
function disjunctionPolarity(t: Node, model: FileModel, depth: number): EnvPolarity | undefined {
  const disjuncts: Node[] = [];
  const stack: Node[] = [t];
  while (stack.length > 0) {
    const n = unwrap(stack.pop()!);
    if (n.type === 'LogicalExpression' && n.operator === '||') stack.push(n.right, n.left);
    else disjuncts.push(n);
  }
  const polarities = disjuncts.map((d) => conditionPolarity(d, model, depth + 1));
  if (!polarities.includes('prod')) return undefined;
  return disjuncts.every((d, i) => polarities[i] === 'prod' || isNonDevEquality(d)) ? 'prod' : undefined;
}

/** `NODE_ENV === 'test'`: a mode equality with a literal that is not a development value. */
function isNonDevEquality(n: Node): boolean {
  if (n.type !== 'BinaryExpression' || (n.operator !== '===' && n.operator !== '==')) return false;
  const lit = isModeExpression(n.left) ? n.right : isModeExpression(n.right) ? n.left : undefined;
  const value = lit ? getStringValue(lit) : undefined;
  return value !== undefined && !DEV_VALUES.has(value);
}

/** The environment a node runs in from the branches around it (`if (isDev)`, `NODE_ENV === 'production' ? a : b`), if any decides it. */
export function envBranchOf(node: Node, model: FileModel): EnvPolarity | undefined {
  let child = node;
  for (const a of model.ancestors(node)) {
    let p: EnvPolarity | undefined;
    if (a.type === 'IfStatement' || a.type === 'ConditionalExpression') {
      if (child === a.consequent) p = conditionPolarity(a.test, model);
      else if (child === a.alternate) p = invert(conditionPolarity(a.test, model));
    } else if (a.type === 'LogicalExpression' && child === a.right) {
      const left = conditionPolarity(a.left, model);
      p = a.operator === '&&' ? left : a.operator === '||' ? invert(left) : undefined;
    }
    if (p) return p;
    child = a;
  }
  return undefined;
}

/** Text without which no condition of a file has a polarity (`NODE_ENV`, `import.meta.env.MODE/DEV/PROD`, `__DEV__`). */
const ENV_TEST_TEXT = /NODE_ENV|import\.meta\.env|__DEV__/;

/**
 * Whether the project module `from` loads the project module `to` (import, `require`, `import()`)
 * outside a branch taken only in production: false only when every load of `to` in `from` sits in
 * one (`if (process.env.NODE_ENV === 'production') require('./tracing')`, so a dev script running
 * `from` never evaluates `to`); true when that cannot be told (no index, a file that does not parse,
 * a load the text scan saw and the parse did not).
 */
export function loadsOutsideProduction(from: string, to: string, like: FileModel): boolean {
  const index = getProjectIndex(from);
  const specifiers = index?.resolved.get(from);
  // no environment test in the text (what conditionPolarity reads): nothing to parse
  if (!index || !specifiers || !ENV_TEST_TEXT.test(index.text(from) ?? '')) return true;
  const importer = projectFileModel(from, like);
  if (!importer) return true;
  const loads = importer.moduleLoads.filter((l) => specifiers.get(l.module) === to);
  return loads.length === 0 || loads.some((l) => envBranchOf(l.node, importer) !== 'prod');
}

/** True when the node only runs in development (a dev-only branch). */
export function isInDevOnlyBranch(node: Node, model: FileModel): boolean {
  return envBranchOf(node, model) === 'dev';
}

// ---------------------------------------------------------------------------------------------
// platform: decided once per file, with the evidence that decided it

/** Where a file's code runs: a Node process, a browser page, or an edge runtime (Workers, Next.js edge). */
export type FilePlatform = 'node' | 'browser' | 'edge';

export interface PlatformVerdict {
  readonly platform: FilePlatform;
  /** What decided it, for messages: "imports `node:http`", "a Vite project with no server framework". */
  readonly evidence: string;
}

/** Builtins no browser bundler polyfills (`events`, `util`, `buffer`... are, so they prove nothing). */
const NODE_ONLY_BUILTINS = new Set([
  'fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'cluster', 'os', 'worker_threads',
  'v8', 'vm', 'perf_hooks', 'async_hooks', 'module', 'readline', 'inspector', 'diagnostics_channel', 'process',
]);
/** Server frameworks: a file importing one runs in a server process. */
const SERVER_MODULES = ['express', 'fastify', 'koa', '@nestjs/core', '@nestjs/common', '@hapi/hapi', 'hapi', 'restify', '@hono/node-server', 'elysia', 'kafkajs', 'pg', 'mysql2', 'mongodb', 'mongoose', 'ioredis', 'redis', '@grpc/grpc-js'];
/** Modules only edge runtimes provide or wrap. */
const EDGE_MODULES = ['@microlabs/otel-cf-workers', 'hono/cloudflare-workers', '@vercel/edge', '@cloudflare/workers-types', 'wrangler'];
/** Browser app tooling, and the server-side frameworks that rule a browser-only project out. */
// a React Native / Expo app runs on the device's JS engine (no process, no signals), bundled like a web app
const BROWSER_APP_DEPENDENCIES = ['vite', 'react-scripts', '@angular/core', '@vue/cli-service', 'parcel', 'parcel-bundler', 'webpack-dev-server', '@rsbuild/core', 'electron', 'expo', 'react-native'];
const SERVER_DEPENDENCIES = [...SERVER_MODULES, 'next', 'nuxt', 'nitropack', '@sveltejs/kit', '@remix-run/node', '@remix-run/serve', '@react-router/node', 'astro', '@google-cloud/functions-framework', '@azure/functions', 'serverless', 'aws-lambda', '@types/aws-lambda', 'hono', 'ts-node', 'tsx', 'nodemon'];

const platforms = new WeakMap<FileModel, PlatformVerdict>();

/**
 * The platform of a file, decided once from the strongest evidence, in this order: an edge
 * runtime (Workers' `export default { fetch }`, an edge-only module, `export const runtime =
 * 'edge'`, an `*.edge.*` file); Node (a `*.node.*` file, a Node-only builtin, a Node-only
 * OpenTelemetry package, a server framework, process signal listeners, a file a package.json
 * script runs or preloads); a browser (a browser-only OpenTelemetry package, a `'use client'`
 * module, `window`/`document`); then the project: a browser app's tooling with no server
 * framework is a browser bundle, anything else Node. A Node server that imports a browser
 * package is still Node.
 */
export function filePlatform(model: FileModel): PlatformVerdict {
  let v = platforms.get(model);
  if (!v) platforms.set(model, (v = decidePlatform(model)));
  return v;
}

function decidePlatform(model: FileModel): PlatformVerdict {
  const base = basename(model.filename);
  const loads = model.moduleLoads.map((l) => l.module);
  const edgeModule = loads.find((m) => m.startsWith('cloudflare:') || EDGE_MODULES.includes(m));
  if (edgeModule) return { platform: 'edge', evidence: `imports \`${edgeModule}\`` };
  // a config typed for an edge-only package (`import type { ResolveConfigFn } from '@microlabs/otel-cf-workers'`) is Worker code
  const edgeConfig = [...model.configTypeImports.values()].find((i) => EDGE_MODULES.includes(i.module));
  if (edgeConfig) return { platform: 'edge', evidence: `builds a \`${edgeConfig.type}\` of \`${edgeConfig.module}\`` };
  if (/\.edge\.[cm]?[jt]sx?$/.test(base)) return { platform: 'edge', evidence: `\`${base}\` is named for the edge runtime` };
  if (hasWorkersExport(model)) return { platform: 'edge', evidence: 'a Workers-style `export default { fetch }` handler' };
  if (exportsEdgeRuntime(model)) return { platform: 'edge', evidence: "`export const runtime = 'edge'`" };

  if (/\.node\.[cm]?[jt]sx?$/.test(base)) return { platform: 'node', evidence: `\`${base}\` is named for the Node runtime` };
  // a module wrangler bundles into a Worker (the entry its config names, or one the entry imports)
  // runs there, `node:` imports included (`nodejs_compat`); a file a script runs is still Node
  const worker = findWorkerConfig(model.filename);
  if (worker && !isRunByScript(model.filename) && isWorkerModule(model.filename, worker)) {
    const entry = relative(dirname(worker.config), worker.entry).split(sep).join('/');
    return { platform: 'edge', evidence: `a module of the Cloudflare Worker \`${entry}\` (${basename(worker.config)})` };
  }
  const builtin = loads.find((m) => m.startsWith('node:') || NODE_ONLY_BUILTINS.has(m));
  if (builtin) return { platform: 'node', evidence: `imports \`${builtin}\`` };
  const nodeOtel = model.otelImports.find((i) => model.table.module(i.module)?.platform === 'node');
  if (nodeOtel) {
    // a Node-only exporter pasted next to a browser SDK in an app with no server (a Vite React app
    // importing the Jaeger exporter beside sdk-trace-web: holdout9 dungeongen) is still browser code
    const webOtel = model.otelImports.find((i) => model.table.module(i.module)?.platform === 'web');
    const app = webOtel ? browserOnlyApp(model.filename) : undefined;
    if (webOtel && app) return { platform: 'browser', evidence: `imports the browser-only \`${webOtel.module}\` in a \`${app}\` app with no server framework` };
    return { platform: 'node', evidence: `imports the Node-only \`${nodeOtel.module}\`` };
  }
  const server = loads.find((m) => SERVER_MODULES.includes(m));
  if (server) return { platform: 'node', evidence: `imports \`${server}\`` };
  if (hasSignalListener(model)) return { platform: 'node', evidence: 'listens to process signals' };
  if (isRunByScript(model.filename)) return { platform: 'node', evidence: 'a package.json script runs or preloads it' };

  const webOtel = model.otelImports.find((i) => model.table.module(i.module)?.platform === 'web');
  if (webOtel) return { platform: 'browser', evidence: `imports the browser-only \`${webOtel.module}\`` };
  if (hasDirective(model, 'use client')) return { platform: 'browser', evidence: "a `'use client'` module" };
  if (/\b(?:window|document)\.[A-Za-z]/.test(model.source) && !model.scopeAt(model.program).resolve('window') && !model.scopeAt(model.program).resolve('document')) {
    return { platform: 'browser', evidence: 'uses `window`/`document`' };
  }
  const app = browserOnlyApp(model.filename);
  if (app) return { platform: 'browser', evidence: `a \`${app}\` app with no server framework` };
  return { platform: 'node', evidence: 'no browser or edge evidence' };
}

/** The browser build tool of the file's package when it depends on no server framework (`vite` with react only). */
function browserOnlyApp(filename: string): string | undefined {
  const deps = getProjectFrameworks(filename)?.dependencies;
  if (!deps) return undefined;
  const tool = BROWSER_APP_DEPENDENCIES.find((d) => deps.has(d));
  return tool && !SERVER_DEPENDENCIES.some((d) => deps.has(d)) ? tool : undefined;
}

/** `export default { fetch(...) {} }` (directly, or through a const holding the object). */
function hasWorkersExport(model: FileModel): boolean {
  for (const stmt of model.program.body as Node[]) {
    if (stmt.type !== 'ExportDefaultDeclaration') continue;
    let decl = unwrap(stmt.declaration);
    if (decl.type === 'Identifier') {
      const b = model.scopeAt(model.program).resolve(decl.name);
      decl = b?.init && b.init.path.length === 0 ? unwrap(b.init.expr) : decl;
    }
    if (decl.type === 'ObjectExpression' && decl.properties.some((p: Node) => getKeyName(p) === 'fetch')) return true;
  }
  return false;
}

/** Next.js route segment config: `export const runtime = 'edge'`. */
function exportsEdgeRuntime(model: FileModel): boolean {
  return (model.program.body as Node[]).some(
    (s) =>
      s.type === 'ExportNamedDeclaration' &&
      s.declaration?.type === 'VariableDeclaration' &&
      s.declaration.declarations.some((d: Node) => d.id?.name === 'runtime' && getStringValue(d.init) === 'edge'),
  );
}

function hasDirective(model: FileModel, directive: string): boolean {
  for (const stmt of model.program.body as Node[]) {
    if (stmt.type !== 'ExpressionStatement' || getStringValue(stmt.expression) === undefined) return false;
    if ((stmt.directive ?? getStringValue(stmt.expression)) === directive) return true;
  }
  return false;
}

/** `process.on('SIGTERM', …)` and the like: only a Node process has signals. */
function hasSignalListener(model: FileModel): boolean {
  return model.calls.some((c) => {
    const callee = unwrap(c.callee);
    return isMember(callee) && unwrap(callee.object).type === 'Identifier' && unwrap(callee.object).name === 'process' && /^SIG[A-Z0-9]+$/.test(getStringValue(c.arguments?.[0]) ?? '');
  });
}

function isRunByScript(filename: string): boolean {
  const info = getProjectInfo(filename);
  const abs = resolve(filename);
  return info.devScriptFiles.has(abs) || info.prodScriptFiles.has(abs);
}

/** Where the file runs as the older analyses see it: a browser, or Node for everything else. */
export function fileRuntime(model: FileModel): 'node' | 'web' {
  return filePlatform(model).platform === 'browser' ? 'web' : 'node';
}

/**
 * A module of a serverless function: it exports a handler (Lambda's `handler`, `(event, context)`),
 * its project is an Azure Functions app, or it is server code of a SvelteKit app built with a
 * serverless adapter (Vercel, Netlify, Cloudflare). The platform freezes or ends the process between
 * invocations; a signal handler is not where its spans are flushed. (An Express app that is also
 * deployable to Lambda is still a long-running server where it runs as one.)
 */
export function isServerlessModule(model: FileModel): boolean {
  for (const fn of model.scopes.keys()) {
    if (isFunction(fn) && classifyFunction(fn, model)?.kind === 'serverless-handler') return true;
  }
  if (getProjectFrameworks(model.filename)?.dependencies.has('@azure/functions')) return true;
  if (enablesLambdaInstrumentation(model.source) || preloadedIntoLambda(model)) return true;
  return svelteKitServerlessAdapter(model.filename, model.cwd) !== undefined;
}

/**
 * The module a Serverless Framework config beside its package.json preloads into the functions
 * (`NODE_OPTIONS: --require ./lambda-wrapper`, read by the project's preload reader), with the auto
 * bundle's aws-lambda instrumentation left on, which the bundle enables by default (holdout11 S25):
 * it flushes after every invocation, as above.
 */
function preloadedIntoLambda(model: FileModel): boolean {
  if (!/\bgetNodeAutoInstrumentations\b/.test(model.source) || LAMBDA_SWITCHED_OFF.test(model.source)) return false;
  const root = getProjectInfo(model.filename).root;
  if (!root) return false;
  const self = model.filename.replace(/\.[cm]?[jt]s$/, '');
  return configuredPreloads(model.filename).some((p) => /^serverless\.ya?ml$/.test(p.source) && p.module.startsWith('.') && resolve(root, p.module).replace(/\.[cm]?[jt]s$/, '') === self);
}

const LAMBDA_SWITCHED_OFF = /['"]@opentelemetry\/instrumentation-aws-lambda['"]\s*:\s*\{[^}]*\benabled\s*:\s*false/;

/**
 * The aws-lambda instrumentation is set up here on purpose: imported by name, or configured in the
 * auto bundle's map (and not switched off). A Lambda wrapper script (`AWS_LAMBDA_EXEC_WRAPPER`,
 * `NODE_OPTIONS=--require`): the instrumentation force-flushes the tracer provider at the end of every
 * invocation (instrumentation-aws-lambda 0.40.0 `build/src/instrumentation.js:164-177, 222-237`; holdout8 sampleotlp).
 */
function enablesLambdaInstrumentation(source: string): boolean {
  if (!source.includes('@opentelemetry/instrumentation-aws-lambda')) return false;
  return LAMBDA_IMPORT.test(source) || LAMBDA_CONFIGURED.test(source);
}

const LAMBDA_IMPORT = /(?:from\s*|require\(\s*)['"]@opentelemetry\/instrumentation-aws-lambda['"]/;
const LAMBDA_CONFIGURED = /['"]@opentelemetry\/instrumentation-aws-lambda['"]\s*:\s*\{(?![^}]*\benabled\s*:\s*false)/;
