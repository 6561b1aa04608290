// What `no-hardcoded-exporter-endpoint` reports, computed once for the rule and the
// `env-exporter-endpoint` codemod.
import type { FileModel } from '../analysis';
import { getEvaluator } from '../analysis';
import { objectOf } from '../analysis/instrumentations';
import type { Node } from '../ast/node';
import { getKeyName, getPropertyName, getRange, getStringValue, isMember, unwrap } from '../ast/node';
import { planEnvFallback } from '../fix/env-exporter-endpoint';
import { planPropertyRemoval } from '../fix/remove-item';
import { textOf } from '../fix/text';
import type { Report, Suggestion } from './types';
import type { Messages } from '../core/messages';
import { defineJsCheck, type JsCheck } from './define';

export type HardcodedEndpointMessageId =
  | 'hardcodedEndpoint'
  | 'hardcodedBrowserEndpoint'
  | 'endpointRebuildsEnv'
  | 'hardcodedCredential'
  | 'undefinedInEndpoint'
  | 'useEnvironmentDefault'
  | 'readEnvWithFallback';

/** The messages of `no-hardcoded-exporter-endpoint` (the rule's `meta.messages`; every other surface formats them too). */
export const messages: Messages<HardcodedEndpointMessageId> = {
  hardcodedEndpoint:
    '`{{option}}: {{url}}` on `{{exporter}}` overrides `{{envVar}}`{{generic}}: every deployment sends to this address whatever its environment says. Let the exporter read the environment (`npx otel-codemod env-exporter-endpoint`).',
  hardcodedBrowserEndpoint:
    '`{{option}}: {{url}}` on `{{exporter}}` is fixed at build time for every environment: browser exporters read no environment, so inject it with the bundler (`import.meta.env.VITE_…`, `process.env.NEXT_PUBLIC_…`) or use a same-origin path.',
  endpointRebuildsEnv:
    'This `{{option}}` for `{{exporter}}` {{why}}. Omit `{{option}}` and let the exporter read the environment (`npx otel-codemod env-exporter-endpoint`).',
  undefinedInEndpoint:
    '`{{option}}` for `{{exporter}}` interpolates `process.env.{{variable}}` without a fallback: when it is unset the exporter sends to a URL starting with `undefined`. Add a fallback (`process.env.{{variable}} ?? …`) or omit `{{option}}` and set `{{envVar}}`.',
  hardcodedCredential:
    'The `{{header}}` header of `{{exporter}}` is a literal credential: it ends up in source control and every build. Read it from the environment (`OTEL_EXPORTER_OTLP_HEADERS` or `process.env`).',
  useEnvironmentDefault: 'Remove `{{option}}` so the exporter reads `{{envVar}}` (set it to `{{url}}` where this runs).',
  readEnvWithFallback: 'Read `process.env.{{envVar}}` and keep `{{url}}` as the fallback.',
};

/** `no-hardcoded-exporter-endpoint`'s detection, shared by the rule, the codemods and doctor. */
export const noHardcodedExporterEndpoint: JsCheck<HardcodedEndpointMessageId, undefined> = defineJsCheck({ ruleId: 'no-hardcoded-exporter-endpoint', messages, check: checkHardcodedEndpoint });

const CREDENTIAL_HEADER = /authorization|api[-_]?key|token|secret|password|x-honeycomb-team|dd-api-key|signoz-access-token|lightstep-access-token/i;
const CREDENTIAL_VALUE = /^(bearer|basic)\s+\S/i;

/** Every report of `no-hardcoded-exporter-endpoint` for a file. */
export function checkHardcodedEndpoint(model: FileModel): Report<HardcodedEndpointMessageId>[] {
  const ev = getEvaluator(model);
  const findings: Report<HardcodedEndpointMessageId>[] = [];
  const browser = isBrowserFile(model);
  for (const call of model.calls) {
    findings.push(...vendorFindings(call, model, browser));
    if (call.type !== 'NewExpression') continue;
    const v = ev.evaluate(call.callee);
    if (v?.kind !== 'export' || v.spec.kind !== 'exporter' || !v.spec.endpointOption) continue;
    const spec = v.spec;
    const options = objectOf(call.arguments[0], model);
    if (!options) continue;
    const inline = options === unwrap(call.arguments[0]);
    for (const prop of options.properties) {
      const key = getKeyName(prop);
      if (key === 'headers') findings.push(...credentialFindings(prop, v.name, model));
      if (key !== spec.endpointOption) continue;
      const value = unwrap(prop.value);
      const literal = literalValue(value, model);
      const env = spec.envEndpoint;
      const data = { exporter: v.name, option: String(key), url: literal ?? textOf(model.source, value), envVar: env?.signal ?? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', generic: env?.generic ? ` and \`${env.generic}\`` : '' };
      if (literal !== undefined) {
        if (browser) {
          // a same-origin path (a proxy in front of the collector) is not a deployment-specific host
          if (literal.startsWith('/')) continue;
          findings.push({ messageId: 'hardcodedBrowserEndpoint', range: getRange(prop), data, suggestions: [] });
          continue;
        }
        const suggestions: Suggestion<HardcodedEndpointMessageId>[] = [];
        if (env && inline && !prop.shorthand) suggestions.push({ messageId: 'useEnvironmentDefault', data, edits: planPropertyRemoval(options, prop, model) });
        if (!prop.shorthand && value.type !== 'Identifier') {
          suggestions.push({ messageId: 'readEnvWithFallback', data, edits: planEnvFallback(value, data.envVar, model) });
        }
        findings.push({ messageId: 'hardcodedEndpoint', range: getRange(prop), data, suggestions });
        continue;
      }
      // `${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`, process.env.OTEL_EXPORTER_OTLP_ENDPOINT + '/v1/traces', or the generic var as-is
      if (!browser && env?.generic && readsGenericEnv(value, env.generic)) {
        const bare = isEnvRead(value, env.generic);
        // the gRPC exporter uses the generic variable as-is: passing it bare only repeats what it does itself
        if (bare && !env.path) continue;
        const why = bare
          ? `is used as-is, without the \`${env.path}\` signal path the exporter appends itself, so spans go to the collector root`
          : `re-implements the exporter's own env handling: it ignores \`${env.signal}\`, ${env.path ? '' : 'appends a path gRPC does not use, '}and yields \`undefined${env.path ?? ''}\` when the variable is unset`;
        const d = { ...data, why };
        const suggestions: Suggestion<HardcodedEndpointMessageId>[] = inline ? [{ messageId: 'useEnvironmentDefault', data: d, edits: planPropertyRemoval(options, prop, model) }] : [];
        findings.push({ messageId: 'endpointRebuildsEnv', range: getRange(prop), data: d, suggestions });
        continue;
      }
      // `${process.env.COLLECTOR}/v1/traces`: `undefined/v1/traces` when the variable is unset
      const bare = bareEnvReads(value)[0];
      if (bare) findings.push({ messageId: 'undefinedInEndpoint', range: getRange(prop), data: { ...data, variable: bare }, suggestions: [] });
    }
  }
  return findings;
}

/** Vendor SDK options: literal endpoints (`endpoint`, `baseUrl`) and credentials (`apiKey`, `accessToken`). */
function vendorFindings(call: Node, model: FileModel, browser: boolean): Report<HardcodedEndpointMessageId>[] {
  const v = getEvaluator(model).evaluate(call.callee);
  if (v?.kind !== 'export' || (v.spec.kind !== 'sdk' && v.spec.kind !== 'sdk-function')) return [];
  if ((call.type === 'NewExpression') !== (v.spec.kind === 'sdk')) return [];
  const { endpointOptions, credentialOptions } = v.spec;
  if (!endpointOptions && !credentialOptions) return [];
  const options = objectOf(call.arguments[0], model);
  if (!options) return [];
  const inline = options === unwrap(call.arguments[0]);
  const out: Report<HardcodedEndpointMessageId>[] = [];
  for (const prop of options.properties) {
    const key = getKeyName(prop);
    if (key === undefined || !prop.value) continue;
    const value = unwrap(prop.value);
    const literal = literalValue(value, model);
    if (literal === undefined || literal === '') continue;
    if (credentialOptions?.includes(key)) {
      out.push({ messageId: 'hardcodedCredential', range: getRange(prop), data: { header: key, exporter: v.name }, suggestions: [] });
      continue;
    }
    if (!endpointOptions || !Object.hasOwn(endpointOptions, key)) continue;
    const envVar = endpointOptions[key]!;
    const data = { exporter: v.name, option: key, url: literal, envVar: envVar || 'the build-time environment', generic: '' };
    if (browser || !envVar || v.spec.platform === 'web') {
      if (!literal.startsWith('/')) out.push({ messageId: 'hardcodedBrowserEndpoint', range: getRange(prop), data, suggestions: [] });
      continue;
    }
    const suggestions: Suggestion<HardcodedEndpointMessageId>[] = [];
    if (inline && !prop.shorthand) suggestions.push({ messageId: 'useEnvironmentDefault', data, edits: planPropertyRemoval(options, prop, model) });
    if (!prop.shorthand && value.type !== 'Identifier') suggestions.push({ messageId: 'readEnvWithFallback', data, edits: planEnvFallback(value, envVar, model) });
    out.push({ messageId: 'hardcodedEndpoint', range: getRange(prop), data, suggestions });
  }
  return out;
}

function credentialFindings(headersProp: Node, exporter: string, model: FileModel): Report<HardcodedEndpointMessageId>[] {
  const obj = objectOf(headersProp.value, model);
  if (!obj) return [];
  const out: Report<HardcodedEndpointMessageId>[] = [];
  for (const p of obj.properties) {
    const name = getKeyName(p);
    if (name === undefined || !p.value) continue;
    const value = literalValue(unwrap(p.value), model) ?? templatePrefix(unwrap(p.value));
    if (value === undefined || value.trim() === '') continue;
    if (!CREDENTIAL_HEADER.test(name) && !CREDENTIAL_VALUE.test(value)) continue;
    if (CREDENTIAL_VALUE.test(value) && /^(bearer|basic)\s*$/i.test(value.trim())) continue;
    out.push({ messageId: 'hardcodedCredential', range: getRange(p), data: { header: name, exporter }, suggestions: [] });
  }
  return out;
}

/** The string a value denotes: a literal, or a const initialised with one. */
function literalValue(n: Node, model: FileModel): string | undefined {
  const s = getStringValue(n);
  if (s !== undefined) return s;
  if (n.type === 'Identifier') {
    const b = model.scopeAt(n).resolve(n.name);
    if (b?.kind === 'const' && b.init && b.init.path.length === 0 && b.assignments.length === 0) return getStringValue(b.init.expr);
  }
  return undefined;
}

/** The literal start of a template whose first quasi already carries a secret (`Bearer abc${x}`). */
function templatePrefix(n: Node): string | undefined {
  if (n.type !== 'TemplateLiteral') return undefined;
  const head: string = n.quasis[0]?.value?.cooked ?? '';
  return /^(bearer|basic)\s+\S/i.test(head) ? head : undefined;
}

function isEnvRead(n: Node, name: string): boolean {
  const e = unwrap(n);
  if (!isMember(e) || getPropertyName(e) !== name) return false;
  const obj = unwrap(e.object);
  return isMember(obj) && getPropertyName(obj) === 'env' && unwrap(obj.object).type === 'Identifier' && unwrap(obj.object).name === 'process';
}

/** Env variables interpolated into a template or concatenation without a fallback, in source order (a loop: concatenations can be thousands long). */
function bareEnvReads(root: Node): string[] {
  const out: string[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const x = unwrap(node);
    if (node !== root && x.type !== 'BinaryExpression') {
      if (isMember(x) && isMember(unwrap(x.object)) && getPropertyName(unwrap(x.object)) === 'env' && unwrap(unwrap(x.object).object).name === 'process') {
        const name = getPropertyName(x);
        if (name) out.push(name);
      }
      continue;
    }
    const parts: Node[] = x.type === 'TemplateLiteral' ? x.expressions : x.type === 'BinaryExpression' && x.operator === '+' ? [x.left, x.right] : [];
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
  }
  return out;
}

/** True when an expression reads `process.env.<name>` directly or inside a template / concatenation. */
function readsGenericEnv(n: Node, name: string): boolean {
  const stack: Node[] = [n];
  while (stack.length > 0) {
    const e = unwrap(stack.pop()!);
    if (isEnvRead(e, name)) return true;
    if (e.type === 'TemplateLiteral' && e.expressions.some((x: Node) => isEnvRead(x, name))) return true;
    if (e.type === 'BinaryExpression' && e.operator === '+') stack.push(e.right, e.left);
  }
  return false;
}

/** A browser bundle: the file imports a web-only OpenTelemetry module, or reads build-time env (`import.meta.env`). */
function isBrowserFile(model: FileModel): boolean {
  if (model.otelImports.some((i) => model.table.module(i.module)?.platform === 'web')) return true;
  return /import\.meta\.env\b|process\.env\.(NEXT_PUBLIC_|VITE_|REACT_APP_)/.test(model.source) && !/process\.env\.OTEL_/.test(model.source);
}
