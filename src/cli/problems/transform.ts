// A transform run (`otel-codemod <transform> [--check|--dry]`) as a ProblemReport.
import { rules } from '../../../rules';
import type { ProblemReport, RuleDescriptor } from '../format/problem';
import { ruleDocsUrl, transformDocsUrl } from '../format/links';
import type { Registry } from '../registry';
import { findTransform } from '../registry';
import type { RunReport } from '../report';
import { reportPath } from './paths';

export function transformProblemReport(report: RunReport, context: { readonly cwd: string; readonly command: string; readonly registry: Registry }): ProblemReport {
  const descriptors = new Map<string, RuleDescriptor>();
  const describe = (id: string): RuleDescriptor => {
    if (!descriptors.has(id)) descriptors.set(id, describeRule(id, context.registry));
    return descriptors.get(id)!;
  };
  const problems = report.files.flatMap((file) =>
    (file.problems ?? []).map((problem) => ({ ...problem, file: reportPath(context.cwd, file.path), helpUri: describe(problem.ruleId).helpUri })),
  );
  const errors = report.files.filter((file) => file.status === 'error').map((file) => ({ file: reportPath(context.cwd, file.path), message: file.error ?? 'unknown error' }));
  return { command: context.command, cwd: context.cwd, problems, errors, rules: [...descriptors.values()] };
}

/** `otel-safe/<rule>` (a finding of a rule) or `otel-codemod/<transform>` (a change a transform would make). */
function describeRule(id: string, registry: Registry): RuleDescriptor {
  const [prefix, name = ''] = splitId(id);
  if (prefix === 'otel-safe' && Object.hasOwn(rules, name)) {
    return { id, description: rules[name as keyof typeof rules].meta.docs?.description ?? id, helpUri: ruleDocsUrl(name), level: 'error' };
  }
  const transform = prefix === 'otel-codemod' ? findTransform(registry, name) : undefined;
  return { id, description: transform?.entries[0]?.description ?? id, helpUri: transform ? transformDocsUrl(name) : undefined, level: 'error' };
}

function splitId(id: string): [string, string | undefined] {
  const slash = id.indexOf('/');
  return slash < 0 ? [id, undefined] : [id.slice(0, slash), id.slice(slash + 1)];
}
