// The CLI reporters (`--format stylish|json|sarif|github`) for transform runs and doctor.
// SARIF is validated against the published SARIF 2.1.0 JSON schema (the copy Microsoft's
// SARIF SDK ships in @microsoft/jest-sarif) with ajv; GitHub workflow commands are
// compared line by line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../../src/cli/args';
import { escapeData, escapeProperty, formatGithub } from '../../src/cli/format/github';
import type { ProblemReport } from '../../src/cli/format/problem';
import { repositoryUrl, ruleDocsUrl, transformDocsUrl } from '../../src/cli/format/links';
import { formatSarif } from '../../src/cli/format/sarif';
import { DOCS_BASE } from '../../src/rule';
import { changedRegion } from '../../src/cli/problems/changes';
import { loadRegistry, type Registry } from '../../src/cli/registry';
import { makeTree, runIn } from './helpers';

const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const REPO = 'https://github.com/otel-safe/eslint-plugin-otel-safe';
const doctorFixtures = path.join(__dirname, '..', 'fixtures', 'doctor');

let validate: (log: unknown) => string[];
let registry: Registry;

beforeAll(async () => {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { title: string };
  expect(schema.title).toContain('SARIF) Version 2.1.0');
  // unicodeRegExp: false: the schema's language-tag pattern is a valid plain RegExp but not a `u` one
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const check = ajv.compile(schema);
  validate = (log) => (check(log) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
  registry = await loadRegistry();
});

/** An SDK started per request: add-guards keeps it in a globalThis slot and flushes it on exit (both reported at line 5). */
const PER_REQUEST = `const { NodeSDK } = require('@opentelemetry/sdk-node');

module.exports = function handler(req, res) {
  const sdk = new NodeSDK({ serviceName: 'shop' });
  sdk.start();
  res.end('ok');
};
`;

const project = (): string =>
  makeTree({
    'src/tracing.js': PER_REQUEST,
    'src/plain.js': 'const x = 1;\n',
    'src/broken.ts': "import { NodeSDK } from '@opentelemetry/sdk-node';\nconst = ;\n",
  });

/** The engine's findings on PER_REQUEST: what add-guards fixes, with each rule's own message. */
const GUARD = {
  ruleId: 'otel-safe/no-duplicate-registration',
  message:
    '`sdk.start()` runs in a request handler: every run after the first builds another SDK that never becomes global, so its processors see no spans. Keep one instance per process in a `globalThis` slot (`npx otel-codemod guard-registration`).',
};
const SHUTDOWN = {
  ruleId: 'otel-safe/require-shutdown-handler',
  message:
    '`sdk.start()` starts telemetry but nothing calls `sdk.shutdown()` when the process ends: the spans still batched in memory are lost on SIGTERM, Ctrl-C and when a script just ends. Add handlers that await the shutdown (`npx otel-codemod add-shutdown-handler`).',
};
const AT_START = { line: 5, column: 3, endLine: 5, endColumn: 14 };

describe('links', () => {
  it('point where the rules say their docs are (meta.docs.url) and at the repository of package.json', () => {
    expect(ruleDocsUrl('no-duplicate-registration')).toBe(`${DOCS_BASE}no-duplicate-registration.md`);
    expect(repositoryUrl()).toBe(REPO);
    expect(transformDocsUrl('add-guards')).toBe(`${REPO}/blob/main/docs/codemods/add-guards.md`);
  });
});

describe('--format', () => {
  it('accepts the four reporters, --json as the alias of json, and rejects anything else', () => {
    expect(parseCliArgs(['doctor']).format).toBe('stylish');
    expect(parseCliArgs(['doctor', '--format', 'SARIF']).format).toBe('sarif');
    expect(parseCliArgs(['add-guards', '-f', 'github', 'src']).format).toBe('github');
    expect(parseCliArgs(['add-guards', '--json', 'src'])).toMatchObject({ format: 'json', json: true });
    expect(parseCliArgs(['add-guards', '--json', '--format=json', 'src']).format).toBe('json');
    expect(() => parseCliArgs(['add-guards', '--format', 'xml', 'src'])).toThrow(new UsageError("--format must be one of stylish, json, sarif, github, got 'xml'"));
    expect(() => parseCliArgs(['add-guards', '--json', '--format', 'sarif', 'src'])).toThrow(/cannot be combined with --format sarif/);
  });

  it('list prints text or JSON only (exit 2 for sarif)', async () => {
    const out = await runIn(makeTree({}), ['list', '--format', 'sarif']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('list prints text or JSON, not --format sarif');
  });
});

describe('where a transform run reports a file', () => {
  it('spans the changed lines of the original, without indentation', () => {
    expect(changedRegion('a\n  b\n  cc\nd\n', 'a\n  B\n  CC\nd\n')).toEqual({ line: 2, column: 3, endLine: 3, endColumn: 5 });
    expect(changedRegion('a\r\nb\r\n', 'a\r\nb2\r\n')).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 2 });
  });

  it('puts an insertion at the line it goes before, an append at the last line', () => {
    expect(changedRegion('a\n    b\n', 'a\nnew\n    b\n')).toEqual({ line: 2, column: 5, endLine: 2, endColumn: 6 });
    expect(changedRegion('a\nb', 'a\nb\nc')).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 2 });
    expect(changedRegion('same', 'same')).toBeUndefined();
  });
});

describe('stylish (the default human report)', () => {
  it('prints a row with line:column, what happens, message and rule for each finding the run would fix', async () => {
    const root = project();
    const out = await runIn(root, ['add-guards', '--check', 'src'], { registry });
    expect(out.code).toBe(3); // broken.ts cannot be parsed, which wins over exit 1
    const rows = out.stdout.split('\n').slice(0, 3);
    expect(rows[0]).toBe('would change: src/tracing.js');
    expect(rows.slice(1).map((row) => row.trim().split(/ {2,}/))).toEqual([
      ['5:3', 'would fix', GUARD.message, GUARD.ruleId],
      ['5:3', 'would fix', SHUTDOWN.message, SHUTDOWN.ruleId],
    ]);
  });
});

describe('json', () => {
  it('gives each would-change file its problems with lines and columns', async () => {
    const out = await runIn(project(), ['add-guards', '--check', '--format', 'json', 'src'], { registry });
    const report = JSON.parse(out.stdout) as { files: { path: string; problems?: unknown[]; fixed?: unknown[] }[] };
    const expected = [
      { ...AT_START, ...GUARD, severity: 'error' },
      { ...AT_START, ...SHUTDOWN, severity: 'error' },
    ];
    expect(report.files.find((f) => f.path === 'src/tracing.js')?.problems).toEqual(expected);
    expect(report.files.find((f) => f.path === 'src/tracing.js')?.fixed).toEqual(expected);
    expect(report.files.find((f) => f.path === 'src/plain.js')?.problems).toBeUndefined();
  });
});

describe('github', () => {
  it('escapes data (%, CR, LF) and properties (also : and ,) the way the Actions runner decodes them', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('C:\\src\\a,b.ts 50%\n')).toBe('C%3A\\src\\a%2Cb.ts 50%25%0A');
  });

  it('prints one workflow command per problem, sorted, then one per unprocessable file', () => {
    const report: ProblemReport = {
      command: 'otel-codemod doctor',
      cwd: '/work/app',
      rules: [],
      errors: [{ file: 'src/bad,name.ts', message: 'cannot parse: Unexpected token (2:6)' }],
      problems: [
        { file: 'src/z.ts', line: 9, column: 1, endLine: 9, endColumn: 4, ruleId: 'doctor/dev-entrypoint', message: 'dev entrypoints: src/z.ts', severity: 'note', helpUri: undefined },
        { file: 'src/a:b.ts', line: 2, column: 5, endLine: 3, endColumn: 1, ruleId: 'otel-safe/no-duplicate-registration', message: 'line one\nline two, 100%', severity: 'error', helpUri: `${REPO}/x.md` },
        { file: 'src/a:b.ts', line: 1, column: 1, endLine: 1, endColumn: 2, ruleId: 'doctor/unresolved-entrypoint', message: 'not followed', severity: 'warning', helpUri: undefined },
      ],
    };
    expect(formatGithub(report).split('\n')).toEqual([
      '::warning file=src/a%3Ab.ts,line=1,col=1,endLine=1,endColumn=2,title=doctor/unresolved-entrypoint::not followed',
      `::error file=src/a%3Ab.ts,line=2,col=5,endLine=3,endColumn=1,title=otel-safe/no-duplicate-registration::line one%0Aline two, 100%25%0A${REPO}/x.md`,
      '::notice file=src/z.ts,line=9,col=1,endLine=9,endColumn=4,title=doctor/dev-entrypoint::dev entrypoints: src/z.ts',
      '::error file=src/bad%2Cname.ts,title=otel-codemod%3A file not processed::cannot parse: Unexpected token (2:6)',
      '',
    ]);
  });

  it('annotates add-guards --check: each finding it would fix, at its rule, and the unparseable file', async () => {
    const out = await runIn(project(), ['add-guards', '--check', '--format', 'github', 'src'], { registry });
    expect(out.code).toBe(3);
    const lines = out.stdout.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      `::error file=src/tracing.js,line=5,col=3,endLine=5,endColumn=14,title=otel-safe/no-duplicate-registration::${escapeData(GUARD.message)}%0A${DOCS_BASE}no-duplicate-registration.md`,
    );
    expect(lines[1]).toBe(
      `::error file=src/tracing.js,line=5,col=3,endLine=5,endColumn=14,title=otel-safe/require-shutdown-handler::${escapeData(SHUTDOWN.message)}%0A${DOCS_BASE}require-shutdown-handler.md`,
    );
    expect(lines[2]).toMatch(/^::error file=src\/broken\.ts,title=otel-codemod%3A file not processed::cannot parse: .+$/);
    expect(lines[3]).toBe('');
    expect(out.stderr).toMatch(/^error: src\/broken\.ts: cannot parse/);
  });

  it('annotates doctor findings at the registration, relative to the working directory', async () => {
    const out = await runIn(doctorFixtures, ['doctor', 'nodemon', '--format', 'github']);
    expect(out.code).toBe(1);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.replace(/::(?!.*::).*$/, ''))).toEqual([
      '::notice file=nodemon/src/server.js,line=1,col=1,endLine=1,endColumn=35,title=doctor/dev-entrypoint',
      '::error file=nodemon/src/tracing.js,line=5,col=1,endLine=5,endColumn=13,title=doctor/preload-and-code-sdk',
    ]);
    expect(lines[1]).toMatch(/::sdk\.start\(\) is preloaded and provider\.register\(\) registers again in code: .+%0Ahttps:\/\/\S+\/docs\/doctor\.md#what-it-finds$/);
  });
});

describe('sarif', () => {
  it('a hand-made log with related locations and a processing error is valid SARIF 2.1.0', () => {
    const report: ProblemReport = {
      command: 'otel-codemod doctor',
      cwd: '/work/my app',
      rules: [{ id: 'doctor/duplicate-registration', description: 'registered twice', helpUri: `${REPO}/blob/main/docs/doctor.md`, level: 'error' }],
      errors: [{ file: 'src/broken.ts', message: 'cannot parse' }],
      problems: [
        {
          file: 'src/a b.ts',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 12,
          ruleId: 'doctor/duplicate-registration',
          message: 'two setups',
          severity: 'error',
          helpUri: undefined,
          related: [{ file: '../lib/otel.ts', line: 7, column: 2, endLine: 7, endColumn: 9 }],
        },
      ],
    };
    const log = JSON.parse(formatSarif(report, { name: 'otel-codemod', version: '0.1.0' }));
    expect(validate(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe('file:///work/my%20app/');
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'src/a%20b.ts', uriBaseId: 'SRCROOT' });
    expect(run.results[0].relatedLocations[0].physicalLocation.artifactLocation.uri).toBe('../lib/otel.ts');
    expect(run.invocations[0]).toMatchObject({ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'cannot parse' } }] });
  });

  it('the schema check can fail: a region starting at line 0 and a bad level are rejected', () => {
    const log = JSON.parse(formatSarif({ command: 'x', cwd: '/w', rules: [], errors: [], problems: [] }, { name: 'otel-codemod', version: '0.1.0' }));
    log.runs[0].results = [
      {
        ruleId: 'r',
        level: 'fatal',
        message: { text: 'm' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'a.ts' }, region: { startLine: 0 } } }],
      },
    ];
    const errors = validate(log);
    expect(errors.some((e) => e.includes('/level'))).toBe(true);
    expect(errors.some((e) => e.includes('/startLine'))).toBe(true);
  });

  it('add-guards --check --format sarif: valid, with rule metadata, relative URI and region', async () => {
    const out = await runIn(project(), ['add-guards', '--check', '--format', 'sarif', 'src'], { registry });
    expect(out.code).toBe(3);
    const log = JSON.parse(out.stdout);
    expect(validate(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({
      name: 'otel-codemod',
      informationUri: REPO,
      rules: [
        {
          id: GUARD.ruleId,
          helpUri: `${DOCS_BASE}no-duplicate-registration.md`,
          defaultConfiguration: { level: 'error' },
          shortDescription: { text: 'Disallow registering OpenTelemetry globals twice, or in code that runs more than once per process' },
        },
        { id: SHUTDOWN.ruleId, helpUri: `${DOCS_BASE}require-shutdown-handler.md` },
      ],
    });
    const region = { startLine: 5, startColumn: 3, endLine: 5, endColumn: 14 };
    const location = { physicalLocation: { artifactLocation: { uri: 'src/tracing.js', uriBaseId: 'SRCROOT' }, region } };
    expect(run.results).toEqual([
      { ruleId: GUARD.ruleId, ruleIndex: 0, level: 'error', message: { text: GUARD.message }, locations: [location] },
      { ruleId: SHUTDOWN.ruleId, ruleIndex: 1, level: 'error', message: { text: SHUTDOWN.message }, locations: [location] },
    ]);
    expect(run.invocations[0].commandLine).toBe('otel-codemod add-guards --check');
    expect(run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri).toBe('src/broken.ts');
  });

  it('doctor --format sarif: valid, one result per finding, cross-file places as related locations', async () => {
    const out = await runIn(doctorFixtures, ['doctor', 'docker-preload', '--format', 'sarif']);
    expect(out.code).toBe(1);
    const log = JSON.parse(out.stdout);
    expect(validate(log)).toEqual([]);
    const [result] = log.runs[0].results;
    expect(log.runs[0].results).toHaveLength(1);
    expect(result).toMatchObject({ ruleId: 'doctor/preload-and-code-sdk', level: 'error', ruleIndex: 0 });
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'docker-preload/Dockerfile', uriBaseId: 'SRCROOT' },
      region: { startLine: 11, startColumn: 1, endLine: 11, endColumn: 26 },
    });
    expect(result.relatedLocations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'docker-preload/src/tracing.ts', uriBaseId: 'SRCROOT' },
      region: { startLine: 5, startColumn: 1, endLine: 5, endColumn: 13 },
    });
    expect(log.runs[0].tool.driver.rules[0]).toMatchObject({ id: 'doctor/preload-and-code-sdk', helpUri: `${REPO}/blob/main/docs/doctor.md#what-it-finds` });
  });
});
