// python/no-hardcoded-exporter-endpoint: a literal `endpoint=` on an exporter overrides the
// OTEL_EXPORTER_* environment (the exporters read it only when the argument is omitted or
// None), and literal credentials in `headers=` / `connection_string=` end up in source control.
import type { Check } from '../../core/language';
import { argumentFor, keywordArgument } from '../model/functions';
import { stringValue } from '../model/flow';
import type { PyModel } from '../model';
import { calleeSpec } from '../model/setup';
import type { PyNode, PyTree } from '../nodes';
import { field } from '../nodes';
import { planEnvFirstEndpoint } from '../../fix/python/env-endpoint';
import { finding, modelOf, PYTHON_RULE_PREFIX, suggestion, text } from './common';

export type HardcodedEndpointMessageId = 'hardcodedEndpoint' | 'hardcodedCredential' | 'readEnvFirst';

export const hardcodedEndpointMessages = {
  hardcodedEndpoint:
    '`{{exporter}}({{arg}}={{url}})` ignores `{{envVar}}`{{generic}}: the exporter reads the environment only when `{{arg}}` is omitted or None, so every deployment sends to this address. Read the environment first and keep the literal as the fallback (`npx otel-codemod env-exporter-endpoint`).',
  hardcodedCredential:
    'The {{name}} of `{{exporter}}` is a literal credential: it ends up in source control and every build. Read it from the environment (`OTEL_EXPORTER_OTLP_HEADERS`, or `os.environ`).',
  readEnvFirst: 'Pass `None` when `{{envVar}}`{{generic}} is set, so the exporter reads it, and keep `{{url}}` otherwise.',
} as const;

export const RULE_ID = `${PYTHON_RULE_PREFIX}no-hardcoded-exporter-endpoint`;

const CREDENTIAL_HEADER = /auth|api[-_]?key|token|secret|password|team|license|signature/i;

export const hardcodedEndpointCheck: Check<PyTree, HardcodedEndpointMessageId> = {
  ruleId: RULE_ID,
  language: 'python',
  messages: hardcodedEndpointMessages,
  run(input) {
    const model = modelOf(input);
    const out = [];
    for (const call of model.calls) {
      const spec = calleeSpec(model, call);
      if (spec?.kind === 'exporter' && spec.endpoints) {
        const exporter = text(model, field(call, 'function')!);
        for (const { arg, position, env } of spec.endpoints) {
          const endpoint = argumentFor(call, arg, position);
          if (!endpoint || !isConstantString(model, endpoint)) continue;
          const data = { exporter, arg, url: text(model, endpoint), envVar: env.signal, generic: env.generic !== env.signal ? ` and \`${env.generic}\`` : '' };
          out.push(finding(RULE_ID, 'hardcodedEndpoint', endpoint, data, suggestion('readEnvFirst', planEnvFirstEndpoint(model, endpoint, env), data)));
        }
      }
      if ((spec?.kind === 'exporter' || spec?.kind === 'configure') && spec.credentialArgs) {
        const exporter = text(model, field(call, 'function')!);
        for (const arg of spec.credentialArgs) for (const lit of literalCredentials(keywordArgument(call, arg), arg)) out.push(finding(RULE_ID, 'hardcodedCredential', lit.node, { exporter, name: lit.name }));
      }
    }
    return out;
  },
};

/** A string literal without interpolation (or a concatenation of them). */
function isLiteral(node: PyNode): boolean {
  return stringValue(node) !== undefined;
}

/**
 * A string fixed in the code: a literal, a name bound once to one, or an f-string interpolating
 * only such names (`f"{COLLECTOR}/v1/traces"` with `COLLECTOR = "http://…"`).
 */
function isConstantString(model: PyModel, node: PyNode, depth = 0): boolean {
  if (depth > 3) return false;
  if (isLiteral(node)) return true;
  if (node.type === 'identifier') {
    const b = model.resolver.bindingOf(node);
    return b?.kind === 'assign' && b.scope.bindings.get(b.name)?.length === 1 && !!b.value && isConstantString(model, b.value, depth + 1);
  }
  if (node.type === 'string') {
    const parts = node.children.filter((c) => c.type === 'interpolation');
    return parts.length > 0 && parts.every((p) => {
      const e = field(p, 'expression');
      return !!e && e.type === 'identifier' && isConstantString(model, e, depth + 1);
    });
  }
  return false;
}

/** Literal credential values in a `headers=` dict/tuple, or a literal credential argument itself. */
function literalCredentials(value: PyNode | undefined, arg: string): { node: PyNode; name: string }[] {
  if (!value) return [];
  if (arg !== 'headers') return isLiteral(value) && (stringValue(value) ?? '').trim() !== '' ? [{ node: value, name: `\`${arg}\` argument` }] : [];
  const out: { node: PyNode; name: string }[] = [];
  const pairs: [PyNode | undefined, PyNode | undefined][] = [];
  if (value.type === 'dictionary') for (const p of value.children) if (p.type === 'pair') pairs.push([field(p, 'key'), field(p, 'value')]);
  if (value.type === 'tuple' || value.type === 'list') for (const t of value.children) if (t.type === 'tuple' && t.children.length === 2) pairs.push([t.children[0], t.children[1]]);
  for (const [k, v] of pairs) {
    const name = stringValue(k);
    if (name && CREDENTIAL_HEADER.test(name) && v && isLiteral(v) && (stringValue(v) ?? '').trim() !== '') out.push({ node: v, name: `\`${name}\` header` });
  }
  return out;
}
