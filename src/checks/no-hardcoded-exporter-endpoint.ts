// What `no-hardcoded-exporter-endpoint` reports, computed once for the rule and the
// `env-exporter-endpoint` codemod.
import type { FileModel } from '../analysis';
import { calledExport, isSdkConstruction, superExporter } from '../analysis/values';
import { concatenatedParts, isNullish, isSetAt, optionAt, optionValue, staticString } from '../analysis/endpoints';
import type { PlatformVerdict } from '../analysis/environment';
import { filePlatform } from '../analysis/environment';
import { objectOf } from '../analysis/instrumentations';
import { getTypedConfigs } from '../analysis/typed-configs';
import { idleExporter } from '../analysis/idle-exporter';
import { projectEnvValues, type EnvValue } from '../project/env-files';
import type { Node } from '../ast/node';
import { findProperty, getKeyName, getPropertyName, getRange, isMember, processEnvVariable, unwrap } from '../ast/node';
import type { ExportSpec, VendorOption, VendorOptions } from '../otel/types';
import { packageOf } from '../analysis/generation';
import { hasVersionAtLeast, packageVersion } from '../project/versions';
import { conditionalFallback, guardedFallback, planEnvFallback, planSignalFirst } from '../fix/env-exporter-endpoint';
import { planPropertyRemoval } from '../fix/remove-item';
import { getSourceStyle, quoteString, textOf } from '../fix/text';
import { walk } from '../ast/walk';
import type { Report, Suggestion } from './types';
import type { Messages } from '../core/messages';
import { defineJsCheck, type JsCheck } from './define';

export type HardcodedEndpointMessageId =
  | 'hardcodedEndpoint'
  | 'hardcodedBrowserEndpoint'
  | 'endpointRebuildsEnv'
  | 'hardcodedCredential'
  | 'hardcodedBrowserCredential'
  | 'hardcodedCredentialOption'
  | 'hardcodedBrowserCredentialOption'
  | 'hardcodedConnectionString'
  | 'hardcodedVendorEndpoint'
  | 'hardcodedEndpointBeforeEnv'
  | 'baseEndpointAsTracesUrl'
  | 'baseEndpointPostedAsIs'
  | 'undefinedInEndpoint'
  | 'useEnvironmentDefault'
  | 'readEnvWithFallback'
  | 'readSignalFirst';

/** The messages of `no-hardcoded-exporter-endpoint` (the rule's `meta.messages`; every other surface formats them too). */
export const messages: Messages<HardcodedEndpointMessageId> = {
  hardcodedEndpoint:
    '`{{option}}: {{url}}` on `{{exporter}}` overrides `{{envVar}}`{{generic}}: {{sends}} whatever its environment says. Let the exporter read the environment{{fix}}.',
  hardcodedBrowserEndpoint:
    '`{{option}}: {{url}}` on `{{exporter}}` is fixed at build time for every environment: this is {{runtime}}, where no `OTEL_EXPORTER_OTLP_*` variable is read at run time, so {{advice}}.',
  hardcodedVendorEndpoint:
    '`{{option}}: {{url}}` on `{{exporter}}` is fixed in the source: {{sends}}, and `{{exporter}}` reads no environment variable for it. Read it from `process.env` where the process starts.',
  hardcodedEndpointBeforeEnv:
    '`{{option}}: {{url}}` on `{{exporter}}` is fixed in the source: {{sends}}. `{{package}}` reads `{{envVar}}` for it only from {{since}} on ({{version}}), so read the address from `process.env` where the process starts.',
  baseEndpointAsTracesUrl:
    '`{{option}}` of `{{exporter}}` is given `{{variable}}` as-is: {{consequence}}. {{advice}}.',
  baseEndpointPostedAsIs:
    '`{{option}}` of `{{exporter}}` is given `{{variable}}` as-is: that variable is the collector\'s base URL, and `{{exporter}}` reads no variable and posts to `{{option}}` unchanged, so spans are posted to the collector root instead of `{{path}}` and rejected. Leave this exporter out (`{{builder}}` without `{{builderOption}}` builds one from `{{variable}}` and adds `{{path}}`) or give the signal URL.',
  endpointRebuildsEnv:
    'This `{{option}}` for `{{exporter}}` {{why}}. Omit `{{option}}` and let the exporter read the environment{{fix}}.',
  undefinedInEndpoint:
    '`{{option}}` for `{{exporter}}` interpolates `process.env.{{variable}}` without a fallback: when it is unset the exporter sends to a URL starting with `undefined`. Add a fallback (`process.env.{{variable}} ?? …`) or omit `{{option}}` and set `{{envVar}}`.',
  hardcodedCredential:
    'The `{{header}}` header of `{{exporter}}` is a literal credential: it ends up in source control and every build. Read it from the environment (`OTEL_EXPORTER_OTLP_HEADERS` or `process.env`).',
  hardcodedBrowserCredential:
    'The `{{header}}` header of `{{exporter}}` is a literal credential in browser code: it is in source control, and every visitor downloads it with the bundle, which a build-time variable would not change either (a browser reads no `OTEL_EXPORTER_OTLP_HEADERS`). Send the browser\'s telemetry to a collector you run (a same-origin path) and keep the key in the collector\'s configuration.',
  hardcodedCredentialOption:
    'The `{{option}}` option of `{{exporter}}` is a literal credential (directly or as the fallback of an environment read): it ends up in source control and every build. Read it from `{{envVar}}` with no literal fallback.',
  hardcodedBrowserCredentialOption:
    'The `{{option}}` option of `{{exporter}}` is a literal credential in browser code: it is in source control, and every visitor downloads it with the bundle, which a build-time variable would not change either. Send the browser\'s telemetry to a collector you run (a same-origin path) and keep the key in the collector\'s configuration.',
  hardcodedConnectionString:
    'The `{{option}}` option of `{{exporter}}` is a literal connection string: it fixes the ingestion endpoint and carries the instrumentation key into source control and every build. Omit it and set `{{envVar}}`.',
  useEnvironmentDefault: 'Remove `{{option}}` so the exporter reads `{{envVar}}` (set it to `{{url}}` where this runs).',
  readEnvWithFallback: 'Read `process.env.{{envVar}}` and keep `{{url}}` as the fallback.',
  readSignalFirst: 'Read `process.env.{{envVar}}` first, the current value (its literals kept) as the fallback.',
};

/** `no-hardcoded-exporter-endpoint`'s detection, shared by the rule, the codemods and doctor. */
export const noHardcodedExporterEndpoint: JsCheck<HardcodedEndpointMessageId, undefined> = defineJsCheck({ ruleId: 'no-hardcoded-exporter-endpoint', transform: 'env-exporter-endpoint', messages, check: checkHardcodedEndpoint });

const CREDENTIAL_HEADER = /authorization|api[-_]?key|token|secret|password|x-honeycomb-team|dd-api-key|signoz-access-token|lightstep-access-token/i;
const CREDENTIAL_VALUE = /^(bearer|basic)\s+\S/i;

/** Every report of `no-hardcoded-exporter-endpoint` for a file. */
export function checkHardcodedEndpoint(model: FileModel): Report<HardcodedEndpointMessageId>[] {
  const findings: Report<HardcodedEndpointMessageId>[] = [];
  for (const call of model.calls) {
    const v = calledExport(call, model);
    if (v) findings.push(...withSendingClaim(callFindings(call, v, model), v.spec.kind === 'exporter' ? call : undefined, model));
    // an exporter subclass passes its options up: its `super(…)` builds the exporter (holdout10 H16)
    const base = superExporter(call, model);
    if (base) findings.push(...withSendingClaim(callFindings(call, base, model), undefined, model));
  }
  findings.push(...withSendingClaim(typedConfigFindings(model, findings), undefined, model));
  return findings;
}

/**
 * "every deployment sends to this address" is said only of an exporter that is used: one that
 * NodeSDK ignores or that nothing uses sends nothing yet (holdout7 M5), and its message says so.
 */
function withSendingClaim(reports: Report<HardcodedEndpointMessageId>[], creation: Node | undefined, model: FileModel): Report<HardcodedEndpointMessageId>[] {
  if (reports.length === 0) return reports;
  const idle = creation ? idleExporter(creation, model) : undefined;
  const sends = idle ? `this exporter sends nothing as the code stands (${idle}), but once it is used every deployment sends to this address` : 'every deployment sends to this address';
  return reports.map((r) => (SAYS_WHERE_IT_SENDS.has(r.messageId) ? { ...r, data: { ...r.data, sends } } : r));
}

const SAYS_WHERE_IT_SENDS: ReadonlySet<HardcodedEndpointMessageId> = new Set(['hardcodedEndpoint', 'hardcodedVendorEndpoint', 'hardcodedEndpointBeforeEnv']);

function callFindings(call: Node, v: NonNullable<ReturnType<typeof calledExport>>, model: FileModel): Report<HardcodedEndpointMessageId>[] {
  const findings: Report<HardcodedEndpointMessageId>[] = [];
  findings.push(...vendorFindings(call, v.name, v.module, v.spec, model.table.module(v.module)?.platform === 'web', model));
  const builds = call.type === 'NewExpression' || unwrap(call.callee).type === 'Super';
  if (!builds || v.spec.kind !== 'exporter' || !v.spec.endpointOption) return findings;
  const spec = v.spec;
  const options = objectOf(call.arguments[0], model);
  if (!options) return findings;
  const inlineOptions = options === unwrap(call.arguments[0]);
  findings.push(...assignedEndpoints(call.arguments[0], spec.endpointOption ?? 'url', v.name, spec.envEndpoint?.signal ?? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', model));
  for (const prop of withSpreadOptions(options)) {
    // a property spread in under a condition is reported without an edit (the edits work on the options literal)
    const inline = inlineOptions && options.properties.includes(prop);
    const key = getKeyName(prop);
    if (key === 'headers') findings.push(...credentialFindings(prop, v.name, model));
    if (key !== spec.endpointOption || !prop.value) continue;
    const value = unwrap(prop.value);
    // a release older than the one that reads the variables (or an unknown one) is told nothing about them
    const envRead = spec.envEndpoint ? readsEnvSince(model, v.module, spec.envEndpoint.since) : undefined;
    const env = envRead ? spec.envEndpoint : undefined;
    const given = optionValue(value, model);
    const data = { exporter: v.name, option: String(key), url: given.kind === 'literal' ? given.value : textOf(model.source, value), envVar: spec.envEndpoint?.signal ?? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', generic: env?.generic ? ` and \`${env.generic}\`` : '' };
    if (given.kind === 'literal') {
      // which release reads the variable matters only where a variable is read at run time (Node); a
    // browser bundle's literal is reported on its own terms (holdout9 dungeongen: Jaeger in a Vite app)
    const beforeEnv = spec.envEndpoint && !envRead && filePlatform(model).platform === 'node';
    findings.push(...(beforeEnv ? beforeEnvEndpoint(prop, given, data, v.module, spec.envEndpoint!.since!, model) : literalEndpoint(prop, value, given, data, inline ? options : undefined, model, !!env)));
      continue;
    }
    // `OTEL_EXPORTER_OTLP_ENDPOINT.replace('/v1/traces', '/v1/metrics')`: the base variable read as a traces URL and edited
    const replaced = env?.generic ? replacedEnvRead(value, model) : undefined;
    if (replaced && replaced === env?.generic) {
      const why = `rewrites \`${replaced}\` with \`.replace()\`: it works only while that base variable holds a full signal URL, and it ignores \`${env.signal}\``;
      findings.push({ messageId: 'endpointRebuildsEnv', range: getRange(prop), data: { ...data, why }, suggestions: [] });
      continue;
    }
    if (given.kind !== 'env') continue;
    // a browser or edge bundle's config value named after the variable (Angular's
    // `environment.OTEL_EXPORTER_OTLP_ENDPOINT`, `import.meta.env.OTEL_…`) is injected at build time,
    // the doc's advice there: no runtime reads that variable, and it may well hold the full URL (holdout7 H13)
    if (given.source !== 'process' && filePlatform(model).platform !== 'node') continue;
    // an exporter that reads no variable posts the base variable's value as-is: the collector root
    if (spec.readsNoEnv && given.variable === spec.readsNoEnv.base && given.asIs) {
      const { base, path, builtBy } = spec.readsNoEnv;
      findings.push({ messageId: 'baseEndpointPostedAsIs', range: getRange(prop), data: { ...data, variable: base, path, builder: builtBy.fn, builderOption: builtBy.option }, suggestions: [] });
      continue;
    }
    // the base variable given to an HTTP exporter as its full URL: `url: process.env.OTEL_EXPORTER_OTLP_ENDPOINT`, a const holding it, `env.OTEL_…`
    if (env?.generic && given.variable === env.generic && given.asIs) {
      // the gRPC exporter uses the base variable as-is: passing it only repeats what it does itself
      if (!env.path) continue;
      const documented = documentedSignalUrl(model.filename, given.variable, env.path);
      const d = { ...data, variable: given.variable, path: env.path, ...baseAsIsClaim(data.option, given.variable, env.signal, env.path, documented) };
      // a fallback other than the exporter's own default would be lost with the option: no fix; nor
      // where the project puts the full signal URL in the variable (the exporter would append the path again)
      const removable = inline && !documented && (given.fallback === undefined || [DEFAULT_HTTP_BASE, `${DEFAULT_HTTP_BASE}${env.path}`].includes(given.fallback));
      const suggestions: Suggestion<HardcodedEndpointMessageId>[] = removable ? [baseAsTracesFix(options, prop, value, env.signal, env.path, d, model)] : [];
      findings.push({ messageId: 'baseEndpointAsTracesUrl', range: getRange(prop), data: d, suggestions });
      continue;
    }
    // `TRACES || OTEL_EXPORTER_OTLP_ENDPOINT || '…'`: where the signal variable is unset, the base one is
    // posted to as-is (holdout11 H18); reported without a fix (the chain's order is the user's)
    if (env?.generic && env.path && given.variable === env.signal && given.thenVariable === env.generic) {
      const documented = documentedSignalUrl(model.filename, env.generic, env.path);
      const claim = baseAsIsClaim(data.option, env.generic, env.signal, env.path, documented);
      const d = { ...data, variable: env.generic, path: env.path, ...claim, consequence: `the chain falls through to it where \`${env.signal}\` is unset; ${claim.consequence}` };
      findings.push({ messageId: 'baseEndpointAsTracesUrl', range: getRange(prop), data: d, suggestions: [] });
      continue;
    }
    // `${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`, base + '/v1/traces'
    if (env?.generic && given.variable === env.generic) {
      // the gRPC exporter takes the base variable as it is: a value that only puts a scheme before it
      // (`startsWith('http') ? base : \`http://${base}\``) repeats that, like the variable as-is (holdout12)
      if (!env.path && given.appended === false) continue;
      // an app's validated env object has its own default: no `undefined` URL, but the signal variable is still ignored
      // no `undefined` claim where the read is tested first (`if (base)`, `base ? … :`, `if (!base) throw`)
      const unset = given.source === 'process' && given.fallback === undefined && !given.edited && !isSetAt(prop, given.variable, model) ? `, and yields \`undefined${env.path ?? ''}\` when the variable is unset` : '';
      const why = `re-implements the exporter's own env handling: it ignores \`${env.signal}\`${env.path ? '' : ', appends a path gRPC does not use'}${unset}`;
      const d = { ...data, why };
      // removing the option is the same request only when the value adds exactly the exporter's own
      // signal path: another path (`/otlp/v1/metrics` behind a proxy) is the user's, no fix
      const removable = inline && appendsOnly(value, env.generic, env.path ?? '', model);
      const unsetGivesUndefined = given.source === 'process' && given.fallback === undefined;
      const suggestions: Suggestion<HardcodedEndpointMessageId>[] = removable ? [rebuildFix(options, prop, value, env.signal, unsetGivesUndefined ? `process.env.${given.variable}` : undefined, d, model)] : [];
      findings.push({ messageId: 'endpointRebuildsEnv', range: getRange(prop), data: d, suggestions });
      continue;
    }
    // `${process.env.COLLECTOR}/v1/traces`: `undefined/v1/traces` when the variable is unset
    // a variable the project sets in a `.env` file that its tools load is not unset (Next.js inlines
  // `NEXT_PUBLIC_*` from `.env.production` at build time: holdout9 use-miller); a template is no setting
  const bare = bareEnvReads(value).find((variable) => !isSetAt(prop, variable, model) && projectEnvValues(model.filename, variable, { loaded: true }).length === 0);
    if (bare) findings.push({ messageId: 'undefinedInEndpoint', range: getRange(prop), data: { ...data, variable: bare }, suggestions: [] });
  }
  return findings;
}

/**
 * `const options = {}; options.url = 'https://collector.example.com/v1/traces'; new X(options)`: a
 * literal assigned into the options object after it is built (here under a hostname test). Reported
 * at the assignment, with no fix (the edit would depend on the branch around it).
 */
function assignedEndpoints(arg: Node | undefined, option: string, exporter: string, envVar: string, model: FileModel): Report<HardcodedEndpointMessageId>[] {
  const id = arg ? unwrap(arg) : undefined;
  if (id?.type !== 'Identifier') return [];
  const binding = model.scopeAt(id).resolve(id.name);
  if (!binding) return [];
  const out: Report<HardcodedEndpointMessageId>[] = [];
  for (const ref of binding.references) {
    const member = model.parents.get(ref);
    if (!member || !isMember(member) || member.object !== ref || getPropertyName(member) !== option) continue;
    const assignment = model.parents.get(member);
    if (assignment?.type !== 'AssignmentExpression' || assignment.operator !== '=' || assignment.left !== member) continue;
    const given = optionValue(unwrap(assignment.right), model);
    if (given.kind !== 'literal' || given.value === '') continue;
    const data = { exporter, option, url: given.value, envVar, generic: '' };
    const where = filePlatform(model);
    if (where.platform !== 'node') {
      if (!sameOriginEverywhere(given)) out.push({ messageId: 'hardcodedBrowserEndpoint', range: getRange(assignment), data: { ...data, ...platformAdvice(where) }, suggestions: [] });
    } else out.push({ messageId: 'hardcodedEndpoint', range: getRange(assignment), data, suggestions: [] });
  }
  return out;
}

/** The variable of `<env read>.replace(…)` / `.replaceAll(…)`, if the value is one. */
function replacedEnvRead(value: Node, model: FileModel): string | undefined {
  // `….replace(…) || 'http://localhost:4318/v1/metrics'`: the fallback does not change what the edit reads
  if (value.type === 'LogicalExpression' && (value.operator === '||' || value.operator === '??')) return replacedEnvRead(unwrap(value.left), model);
  // `E ? E.replace(…) : undefined` (or a literal, or the same edit): the arm that edits it relies on a full URL all the same
  if (value.type === 'ConditionalExpression') {
    const arms = [unwrap(value.consequent), unwrap(value.alternate)];
    const edits = arms.map((arm) => replacedEnvRead(arm, model));
    const variable = edits.find((v) => v !== undefined);
    const fits = (arm: Node, i: number) => edits[i] === variable || isNullish(arm) || optionValue(arm, model).kind === 'literal';
    return variable !== undefined && arms.every(fits) ? variable : undefined;
  }
  if (value.type !== 'CallExpression') return undefined;
  const callee = unwrap(value.callee);
  if (!isMember(callee) || !['replace', 'replaceAll'].includes(getPropertyName(callee) ?? '')) return undefined;
  const read = optionValue(unwrap(callee.object), model);
  return read.kind === 'env' ? read.variable : undefined;
}

type EndpointData = { exporter: string; option: string; url: string; envVar: string; generic: string };

/** A string literal or template text anywhere in `node`: what removing the option would lose. */
function hasStringLiteral(node: Node): boolean {
  let found = false;
  walk(node, {
    enter(n) {
      if ((n.type === 'Literal' || n.type === 'StringLiteral') && typeof n.value === 'string') found = true;
      if (n.type === 'TemplateElement' && n.value.cooked) found = true;
      return !found;
    },
  });
  return found;
}

/**
 * `url: process.env.OTEL_EXPORTER_OTLP_ENDPOINT || '<default>'`: removing the option lets the
 * exporter read both variables and add the path; the literal would go with it, so where there is
 * one the signal variable comes first and the value becomes what the exporter would do: the base
 * variable with the path, else the literal (the URL the user wrote, path added when it lacks it).
 */
function baseAsTracesFix(options: Node, prop: Node, value: Node, signal: string, path: string, d: Record<string, string>, model: FileModel): Suggestion<HardcodedEndpointMessageId> {
  const read = value.type === 'LogicalExpression' ? unwrap(value.left) : undefined;
  const literal = value.type === 'LogicalExpression' ? unwrap(value.right) : undefined;
  if (!read || !literal || !hasStringLiteral(literal)) return { messageId: 'useEnvironmentDefault', data: d, edits: planPropertyRemoval(options, prop, model) };
  const base = textOf(model.source, read);
  const literalText = textOf(model.source, literal);
  const url = staticString(literal, model)?.endsWith(path) ? literalText : `${literalText} + ${quoteString(path, getSourceStyle(model.source, model.filename, model.program))}`;
  return { messageId: 'readSignalFirst', data: d, edits: planSignalFirst(prop, signal, conditionalFallback(base, `\`\${${base}}${path}\``, url), model) };
}

/**
 * The value the project writes down for the base variable (`.env.example`, compose files) when every
 * one of them is already a full URL of this signal (holdout7 M4): there `url` posts it as given and
 * spans arrive, and the report is about the variable's meaning, not a rejected post.
 */
function documentedSignalUrl(filename: string, variable: string, path: string): EnvValue | undefined {
  const values = projectEnvValues(filename, variable);
  return values.length > 0 && values.every((v) => v.value.replace(/\/+$/, '').endsWith(path)) ? values[0] : undefined;
}

/** What giving the base variable as `url` does, and the advice, by what the project sets it to. */
function baseAsIsClaim(option: string, variable: string, signal: string, path: string, documented: EnvValue | undefined): { consequence: string; advice: string } {
  if (!documented) {
    return {
      consequence: `that variable is the collector's base URL, and the exporter appends \`${path}\` to it only when it reads it itself, so spans are posted to the collector root and rejected`,
      advice: `Omit \`${option}\` (the exporter then reads \`${variable}\` and adds the path) or give the signal URL`,
    };
  }
  return {
    consequence: `the project sets it to a full \`${path}\` URL (${documented.at}), which works only because \`${option}\` posts it as given: the variable is the base URL of every signal, so whatever reads it itself (a metrics or logs exporter, an exporter without \`${option}\`) appends its own path to that URL`,
    advice: `Put that URL in \`${signal}\` and omit \`${option}\`, or set \`${variable}\` to the collector's base URL`,
  };
}

/**
 * `url: \`${base}/v1/traces\``: the option only re-does the exporter's own env handling. Removing it
 * loses the path literal (and an app env object's own default), so the signal variable comes first
 * and the value stays as the fallback; guarded by the variable when an unset one would give
 * `undefined/v1/traces` (then the exporter's default applies, as without the option).
 */
function rebuildFix(options: Node, prop: Node, value: Node, signal: string, guard: string | undefined, d: Record<string, string>, model: FileModel): Suggestion<HardcodedEndpointMessageId> {
  if (!hasStringLiteral(value)) return { messageId: 'useEnvironmentDefault', data: d, edits: planPropertyRemoval(options, prop, model) };
  const text = textOf(model.source, value);
  return { messageId: 'readSignalFirst', data: d, edits: planSignalFirst(prop, signal, guard ? guardedFallback(guard, text) : text, model) };
}

/**
 * A literal endpoint. On Node the fix is the environment; a browser bundle or an edge isolate
 * has no `process.env` at run time, so the advice is the bundler's build-time env (or the
 * Worker's `env` binding), and a same-origin path is no deployment-specific host.
 */
function literalEndpoint(prop: Node, value: Node, given: LiteralGiven, data: EndpointData, removableFrom: Node | undefined, model: FileModel, readsEnv: boolean): Report<HardcodedEndpointMessageId>[] {
  if (given.value === '') return [];
  const where = filePlatform(model);
  if (where.platform !== 'node') {
    if (sameOriginEverywhere(given)) return [];
    return [{ messageId: 'hardcodedBrowserEndpoint', range: getRange(prop), data: { ...data, ...platformAdvice(where) }, suggestions: [] }];
  }
  if (!data.envVar) return [{ messageId: 'hardcodedVendorEndpoint', range: getRange(prop), data, suggestions: [] }];
  // the literal stays as the fallback (the codemod applies the first suggestion): never a silent deletion
  const suggestions: Suggestion<HardcodedEndpointMessageId>[] = [{ messageId: 'readEnvWithFallback', data, edits: planEnvFallback(prop, data.envVar, model) }];
  if (readsEnv && removableFrom && !prop.shorthand && value.type !== 'Identifier') suggestions.push({ messageId: 'useEnvironmentDefault', data, edits: planPropertyRemoval(removableFrom, prop, model) });
  return [{ messageId: 'hardcodedEndpoint', range: getRange(prop), data, suggestions }];
}

/**
 * The options' own properties, and those of an object spread in under a condition
 * (`...(endpoint.length > 0 ? { url: endpoint } : {})`, `...(endpoint && { url: endpoint })`): the
 * option is given whenever the condition holds (holdout14 fohte).
 */
function withSpreadOptions(options: Node): Node[] {
  return options.properties.flatMap((p: Node) => {
    if (p.type !== 'SpreadElement') return [p];
    const arg = unwrap(p.argument);
    const arms = arg.type === 'ConditionalExpression' ? [arg.consequent, arg.alternate] : arg.type === 'LogicalExpression' && arg.operator === '&&' ? [arg.right] : [arg];
    return arms.map((a: Node) => unwrap(a)).flatMap((a: Node) => (a.type === 'ObjectExpression' ? a.properties.filter((q: Node) => q.type !== 'SpreadElement') : []));
  });
}

/** A literal option value: one string, or every string a conditional of literals yields. */
type LiteralGiven = { readonly value: string; readonly outcomes?: readonly string[] };

/** Same-origin whichever outcome runs. */
function sameOriginEverywhere(given: LiteralGiven): boolean {
  return (given.outcomes ?? [given.value]).every(isSameOrigin);
}

/**
 * A URL a browser resolves against the page: a path (`/otel/v1/traces`) or a relative one (`traces`,
 * `./v1/traces`, holdout13), not one with a scheme (`https:`) or a host (`//collector`).
 */
function isSameOrigin(url: string): boolean {
  return !url.startsWith('//') && !/^[a-z][a-z0-9+.-]*:/i.test(url);
}

function platformAdvice(where: PlatformVerdict): { runtime: string; advice: string } {
  if (where.platform === 'edge') return { runtime: `an edge runtime (${where.evidence})`, advice: "read it from the Worker's `env` bindings" };
  if (where.platform === 'browser') return { runtime: `a browser bundle (${where.evidence})`, advice: "inject it at build time (`import.meta.env.VITE_…`, `process.env.NEXT_PUBLIC_…`, Angular's `environment.ts`) or use a same-origin path" };
  return { runtime: 'code with no environment to read', advice: 'inject it at build time or use a same-origin path' };
}

/** Vendor options of the recognition table: endpoints, credentials, connection strings (an endpoint and a key in one). */
function vendorFindings(call: Node, name: string, module: string, spec: ExportSpec, webModule: boolean, model: FileModel): Report<HardcodedEndpointMessageId>[] {
  if (spec.kind !== 'sdk' && spec.kind !== 'sdk-function' && spec.kind !== 'exporter') return [];
  const table = spec.vendorOptions;
  if (!table) return [];
  const made = spec.kind === 'sdk' ? isSdkConstruction(call, spec) : spec.kind === 'exporter' ? call.type === 'NewExpression' : call.type !== 'NewExpression';
  if (!made) return [];
  const arg = call.arguments[table.argument ?? 0];
  if (!arg) return [];
  return vendorOptionFindings(arg, name, module, table, webModule, model);
}

/**
 * Configurations built for a table export without calling it here (`getTypedConfigs`: a helper typed
 * `ResolveConfigFn` whose result `instrument()` gets in another file), checked like that export's
 * argument; a value this file also passes to the export is reported once.
 */
function typedConfigFindings(model: FileModel, reported: readonly Report<HardcodedEndpointMessageId>[]): Report<HardcodedEndpointMessageId>[] {
  const seen = new Set(reported.map((f) => `${f.messageId}:${f.range[0]}`));
  const out: Report<HardcodedEndpointMessageId>[] = [];
  for (const config of getTypedConfigs(model)) {
    const moduleSpec = model.table.module(config.module);
    const spec = moduleSpec?.exports[config.exportName];
    if (!spec || (spec.kind !== 'sdk' && spec.kind !== 'sdk-function' && spec.kind !== 'exporter') || !spec.vendorOptions) continue;
    for (const f of vendorOptionFindings(config.value, config.exportName, config.module, spec.vendorOptions, moduleSpec.platform === 'web', model)) {
      const key = `${f.messageId}:${f.range[0]}`;
      if (!seen.has(key)) out.push(f);
      seen.add(key);
    }
  }
  return out;
}

/** The vendor options (`table`) found under `arg`, the configuration given to `name`. */
function vendorOptionFindings(arg: Node, name: string, module: string, table: VendorOptions, webModule: boolean, model: FileModel): Report<HardcodedEndpointMessageId>[] {
  const inline = objectOf(arg, model) === unwrap(arg);
  const out: Report<HardcodedEndpointMessageId>[] = [];
  // the options reported in each options object: a part of an address already reported there is the same address
  const reported = new Map<Node, Set<string>>();
  for (const path of table.headers ?? []) for (const { prop } of optionAt(arg, path, model)) out.push(...credentialFindings(prop, name, model));
  for (const option of table.options) {
    for (const { prop, owner } of optionAt(arg, option.path, model)) {
      if (!prop.value) continue;
      const value = unwrap(prop.value);
      const given = optionValue(value, model);
      // a literal, or a literal fallback behind the variable (`process.env.KEY || 'abc'`): a secret either way
      const secret = given.kind === 'literal' ? given.value : given.kind === 'env' && given.asIs ? given.fallback : undefined;
      if (option.carries !== 'endpoint') {
        if (!secret) continue;
        // a browser SDK's key ships in the bundle however it is supplied: the way out is a collector
        // (@honeycombio/opentelemetry-web 1.5.1 README.md:167-168 recommends one for production)
        const messageId = option.carries === 'connection' ? 'hardcodedConnectionString' : webModule ? 'hardcodedBrowserCredentialOption' : 'hardcodedCredentialOption';
        out.push({ messageId, range: getRange(prop), data: { header: option.path, option: option.path, exporter: name, envVar: option.env || 'a secret store' }, suggestions: [] });
        continue;
      }
      if (given.kind !== 'literal') continue;
      if (option.partOf && reported.get(owner)?.has(option.partOf)) continue;
      if (option.unlessOption && findProperty(owner, option.unlessOption)) continue;
      const before = out.length;
      pushVendorEndpoint(out, prop, value, given, option, owner, arg, name, module, inline, webModule, model);
      if (out.length > before) reported.set(owner, (reported.get(owner) ?? new Set()).add(option.path));
    }
  }
  return out;
}

/** A literal vendor endpoint option: browser, before-env or the usual report. */
function pushVendorEndpoint(out: Report<HardcodedEndpointMessageId>[], prop: Node, value: Node, given: LiteralGiven, option: VendorOption, owner: Node, arg: Node, name: string, module: string, inline: boolean, webModule: boolean, model: FileModel): void {
  const data = { exporter: name, option: option.path, url: given.value, envVar: option.env, generic: '' };
  const removable = inline && owner === objectOf(arg, model) && !!option.env;
  if (webModule && filePlatform(model).platform === 'node') {
    // a browser SDK reads no environment even when a server renders the page
    if (!sameOriginEverywhere(given)) out.push({ messageId: 'hardcodedBrowserEndpoint', range: getRange(prop), data: { ...data, ...platformAdvice({ platform: 'browser', evidence: `\`${name}\` is a browser SDK` }) }, suggestions: [] });
    return;
  }
  if (option.env && !readsEnvSince(model, module, option.since)) {
    // a part of an address (a port) on a release that reads no variable for it: the deployment sets the address by its other part
    if (option.partOf && hasVersionAtLeast(model.filename, packageOf(module), option.since!) === false) return;
    out.push(...beforeEnvEndpoint(prop, given, data, module, option.since!, model));
    return;
  }
  out.push(...literalEndpoint(prop, value, given, data, removable ? owner : undefined, model, !!option.env));
}

/** True when the project's release of `module` reads the variable (`since` absent: every release does); false when it is older or unknown. */
function readsEnvSince(model: FileModel, module: string, since: string | undefined): boolean {
  return since === undefined || hasVersionAtLeast(model.filename, packageOf(module), since) === true;
}

/**
 * A literal address on a release that does not read the variable yet, or an unknown release: the
 * address is still fixed for every deployment, but it overrides nothing; the fix reads the
 * variable itself, literal kept as the fallback (works on every release).
 */
function beforeEnvEndpoint(prop: Node, given: LiteralGiven, data: EndpointData, module: string, since: string, model: FileModel): Report<HardcodedEndpointMessageId>[] {
  if (given.value === '' || filePlatform(model).platform !== 'node') return [];
  const pkg = packageOf(module);
  const known = packageVersion(model.filename, pkg);
  const version = known && known.source !== 'declared' ? `this project has ${known.version}` : 'the release here is not known';
  const suggestions: Suggestion<HardcodedEndpointMessageId>[] = [{ messageId: 'readEnvWithFallback', data, edits: planEnvFallback(prop, data.envVar, model) }];
  return [{ messageId: 'hardcodedEndpointBeforeEnv', range: getRange(prop), data: { ...data, package: pkg, since, version }, suggestions }];
}

function credentialFindings(headersProp: Node, exporter: string, model: FileModel): Report<HardcodedEndpointMessageId>[] {
  const obj = objectOf(headersProp.value, model);
  if (!obj) return [];
  const out: Report<HardcodedEndpointMessageId>[] = [];
  for (const p of obj.properties) {
    const name = getKeyName(p);
    if (name === undefined || !p.value) continue;
    const value = staticString(p.value, model) ?? templatePrefix(unwrap(p.value));
    if (value === undefined || value.trim() === '') continue;
    if (!CREDENTIAL_HEADER.test(name) && !CREDENTIAL_VALUE.test(value)) continue;
    if (CREDENTIAL_VALUE.test(value) && /^(bearer|basic)\s*$/i.test(value.trim())) continue;
    const messageId = filePlatform(model).platform === 'browser' ? 'hardcodedBrowserCredential' : 'hardcodedCredential';
    out.push({ messageId, range: getRange(p), data: { header: name, exporter }, suggestions: [] });
  }
  return out;
}


/** The literal start of a template whose first quasi already carries a secret (`Bearer abc${x}`). */
function templatePrefix(n: Node): string | undefined {
  if (n.type !== 'TemplateLiteral') return undefined;
  const head: string = n.quasis[0]?.value?.cooked ?? '';
  return /^(bearer|basic)\s+\S/i.test(head) ? head : undefined;
}


/** Env variables interpolated into a template or concatenation without a fallback, in source order (a loop: concatenations can be thousands long). */
function bareEnvReads(root: Node): string[] {
  const out: string[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const x = unwrap(node);
    if (node !== root && x.type !== 'BinaryExpression') {
      const name = processEnvVariable(x);
      if (name) out.push(name);
      continue;
    }
    const parts = concatenatedParts(x);
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
  }
  return out;
}



/** Where the OTLP/HTTP exporters send when no variable is set (they append the signal path). */
const DEFAULT_HTTP_BASE = 'http://localhost:4318';

/** `${process.env.VAR}<path>` or `process.env.VAR + '<path>'`: the variable read as-is, followed by exactly `path`. */
function appendsOnly(n: Node, name: string, path: string, model: FileModel): boolean {
  const e = unwrap(n);
  // read as-is, with no fallback of its own (or the exporter's default base) that removing the option would lose
  const readsAsIs = (x: Node) => {
    const v = optionValue(x, model);
    return v.kind === 'env' && v.variable === name && v.asIs && (v.fallback === undefined || v.fallback === DEFAULT_HTTP_BASE);
  };
  if (e.type === 'TemplateLiteral') return e.expressions.length === 1 && readsAsIs(e.expressions[0]) && e.quasis[0].value.cooked === '' && e.quasis[1].value.cooked === path;
  if (e.type === 'BinaryExpression' && e.operator === '+') return readsAsIs(e.left) && staticString(unwrap(e.right), model, 0) === path;
  return false;
}
