// SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) ingest. One run;
// file URIs are relative to SRCROOT (the working directory), so the log can be moved with
// the checkout. Validated against the published schema in test/cli/format.test.ts.
import { pathToFileURL } from 'node:url';
import { repositoryUrl } from './links';
import type { Problem, ProblemReport, Region, RuleDescriptor } from './problem';
import { sortProblems } from './problem';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function formatSarif(report: ProblemReport, tool: { readonly name: string; readonly version: string }): string {
  const rules = [...report.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: repositoryUrl(),
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            commandLine: report.command,
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map((error) => ({
              level: 'error',
              message: { text: error.message },
              locations: [{ physicalLocation: { artifactLocation: artifact(error.file) } }],
            })),
          },
        ],
        originalUriBaseIds: { SRCROOT: { uri: directoryUri(report.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: sortProblems(report.problems).map((problem) => result(problem, index.get(problem.ruleId))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(rule: RuleDescriptor): object {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    ...(rule.helpUri === undefined ? {} : { helpUri: rule.helpUri }),
    defaultConfiguration: { level: rule.level },
  };
}

function result(problem: Problem, ruleIndex: number | undefined): object {
  return {
    ruleId: problem.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: problem.severity,
    message: { text: problem.message },
    locations: [location(problem)],
    ...(problem.related && problem.related.length > 0
      ? { relatedLocations: problem.related.map((region, id) => ({ id, ...location(region) })) }
      : {}),
  };
}

function location(region: Region): object {
  return {
    physicalLocation: {
      artifactLocation: artifact(region.file),
      region: { startLine: region.line, startColumn: region.column, endLine: region.endLine, endColumn: region.endColumn },
    },
  };
}

function artifact(file: string): { uri: string; uriBaseId: string } {
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

/** `file:///work/app/`: SARIF wants base URIs to end with a slash. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
