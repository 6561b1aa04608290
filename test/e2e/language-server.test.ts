// The plugin in an editor: the real ESLint language server (vscode-eslint's server, from
// vscode-langservers-extracted, pinned in devDependencies) over stdio, in a project that
// installs ESLint and the plugin by name. It publishes the otel-safe diagnostics with their
// docs links, applies a suggestion through its code action, and (one server, hours long in
// an editor) sees a package.json change on the next lint.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../package/build';
import { LspClient } from './lsp-client';

const SERVER = path.join(root, 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-eslint-language-server');
const DOCS = 'https://github.com/otel-safe/eslint-plugin-otel-safe/blob/main/docs/rules/';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  range: Range;
  severity?: number;
  message: string;
  source?: string;
  code?: string | number;
  codeDescription?: { href: string };
}
interface TextEdit {
  range: Range;
  newText: string;
}
interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string }; edits: TextEdit[] }[];
}
interface CodeAction {
  title: string;
  kind?: string;
  edit?: WorkspaceEdit;
  command?: { title: string; command: string; arguments?: unknown[] };
}
interface DiagnosticReport {
  kind: 'full' | 'unchanged';
  items: Diagnostic[];
}

const work = mkdtempSync(path.join(os.tmpdir(), 'otel-safe-lsp-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A project with ESLint and the plugin installed by name (symlinks into this checkout) and a flat config. */
function makeProject(name: string, files: Record<string, string>): string {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  symlinkSync(path.join(root, 'node_modules', 'eslint'), path.join(dir, 'node_modules', 'eslint'), 'dir');
  symlinkSync(root, path.join(dir, 'node_modules', 'eslint-plugin-otel-safe'), 'dir');
  writeFileSync(path.join(dir, 'eslint.config.mjs'), "import otel from 'eslint-plugin-otel-safe';\n\nexport default [otel.configs['flat/recommended']];\n");
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** The settings VS Code's ESLint extension sends (workspace/configuration), for a workspace folder. */
function eslintSettings(dir: string): object {
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    useFlatConfig: true,
    experimental: {}, // the server reads experimental.useFlatConfig; ESLint 9 needs no opt-in
    codeAction: { disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' }, showDocumentation: { enable: true } },
    codeActionOnSave: { enable: false, mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workingDirectory: { mode: 'location' },
    workspaceFolder: { uri: pathToFileURL(dir).href, name: path.basename(dir) },
  };
}

/** Edits the server asked the editor to apply (workspace/applyEdit), oldest first. */
const appliedEdits: WorkspaceEdit[] = [];

/** Starts the server on a project and completes the LSP handshake. */
async function startServer(dir: string): Promise<LspClient> {
  const client = new LspClient(process.execPath, [SERVER, '--stdio'], dir, (method, params) => {
    if (method === 'workspace/configuration') return (params as { items: unknown[] }).items.map(() => eslintSettings(dir));
    if (method === 'workspace/applyEdit') {
      appliedEdits.push((params as { edit: WorkspaceEdit }).edit);
      return { applied: true };
    }
    if (method === 'eslint/confirmESLintExecution') return 4; // approved
    return null; // client/registerCapability, window/workDoneProgress/create, eslint/probeFailed, …
  });
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: path.basename(dir) }],
    capabilities: {
      workspace: { configuration: true, applyEdit: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
      textDocument: {
        publishDiagnostics: { codeDescriptionSupport: true, relatedInformation: true },
        // the server answers pull requests (textDocument/diagnostic), as VS Code makes them
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll', 'source.fixAll.eslint'] } } },
        synchronization: { didSave: true },
      },
    },
  });
  client.notify('initialized', {});
  client.notify('workspace/didChangeConfiguration', { settings: {} });
  return client;
}

function open(client: LspClient, file: string, version = 1): { uri: string; text: string } {
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version, text } });
  return { uri, text };
}

/** The document's diagnostics, pulled the way VS Code pulls them (textDocument/diagnostic). */
async function diagnosticsOf(client: LspClient, uri: string): Promise<Diagnostic[]> {
  const report = await client.request<DiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
  expect(report.kind).toBe('full');
  return report.items;
}

/** Applies LSP text edits (non-overlapping) to a text. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: Position): number => starts[p.line]! + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

const otelDiagnostics = (items: Diagnostic[]): Diagnostic[] => items.filter((d) => String(d.code).startsWith('otel-safe/'));

describe.sequential('the ESLint language server with the plugin', () => {
  let client: LspClient;
  let project: string;

  beforeAll(async () => {
    ensureBuilt();
    project = path.join(work, 'express-app');
    cpSync(path.join(root, 'examples', 'express-app'), project, { recursive: true });
    makeProject('express-app', {});
    client = await startServer(project);
  }, 200_000);

  afterAll(async () => {
    await client?.shutdown();
  });

  it('reports the otel-safe diagnostics of an example with their docs links, and applies a suggestion through its code action', async () => {
    const file = path.join(project, 'src', 'tracing.js');
    const { uri, text } = open(client, file);
    const diagnostics = otelDiagnostics(await diagnosticsOf(client, uri));
    expect(diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`).sort()).toEqual([
      '10:1 otel-safe/no-duplicate-registration',
      '10:1 otel-safe/require-shutdown-handler',
      '14:3 otel-safe/no-duplicate-registration',
      '14:3 otel-safe/no-duplicate-registration',
    ]);
    for (const d of diagnostics) {
      expect(d.source).toBe('eslint');
      expect(d.codeDescription?.href).toBe(`${DOCS}${String(d.code).slice('otel-safe/'.length)}.md`);
    }

    // `sdk.start()` in the middleware: the suggestion keeps one SDK per process in a globalThis slot
    const perRequest = diagnostics.find((d) => d.range.start.line === 13 && d.message.includes('request handler'))!;
    expect(perRequest, JSON.stringify(diagnostics)).toBeDefined();
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: perRequest.range,
      context: { diagnostics: [perRequest], only: ['quickfix'] },
    });
    // the suggestion's title is its message, then the rule; running it makes the server send the edit
    const suggestion = actions.find((a) => a.command?.command === 'eslint.applySuggestion');
    expect(suggestion?.title, JSON.stringify(actions.map((a) => a.title))).toBe('Keep one instance per process in a `globalThis[Symbol.for(…)]` slot. (otel-safe/no-duplicate-registration)');
    expect(actions.map((a) => a.title)).toContain('Show documentation for otel-safe/no-duplicate-registration');
    await client.request('workspace/executeCommand', { command: suggestion!.command!.command, arguments: suggestion!.command!.arguments });
    const edit = appliedEdits.pop()!;
    const edits = edit.changes?.[uri] ?? edit.documentChanges!.find((c) => c.textDocument.uri === uri)!.edits;
    const fixed = applyEdits(text, edits);
    expect(fixed).toContain("globalThis[Symbol.for('otel-safe.NodeSDK')] ??=");

    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = otelDiagnostics(await diagnosticsOf(client, uri));
    expect(after.some((d) => d.message.includes('request handler'))).toBe(false);
    expect(after.length).toBeLessThan(diagnostics.length);
  }, 120_000);
});

/** A dev entrypoint only once package.json runs it under nodemon: NodeSDK batches `traceExporter`. */
const TRACING = `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');

const sdk = new NodeSDK({ serviceName: 'shop', traceExporter: new OTLPTraceExporter() });
sdk.start();
process.once('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
process.once('SIGINT', () => sdk.shutdown().finally(() => process.exit(130)));
`;
const BATCH_RULE = 'otel-safe/no-batch-processor-in-dev';

describe.sequential('one server, package.json changed between two lints', () => {
  let client: LspClient;
  let project: string;
  let uri: string;
  let before: Diagnostic[];
  let after: Diagnostic[];

  beforeAll(async () => {
    ensureBuilt();
    project = makeProject('nodemon-later', {
      'package.json': JSON.stringify({ name: 'shop', version: '1.0.0', scripts: { start: 'node src/tracing.js' } }, null, 2),
      'src/tracing.js': TRACING,
    });
    client = await startServer(project);
    uri = open(client, path.join(project, 'src', 'tracing.js')).uri;
    before = await diagnosticsOf(client, uri);

    // what a developer does while the editor stays open; VS Code's ESLint extension watches package.json
    const manifest = path.join(project, 'package.json');
    writeFileSync(manifest, JSON.stringify({ name: 'shop', version: '1.0.0', scripts: { start: 'node src/tracing.js', dev: 'nodemon src/tracing.js' } }, null, 2));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(manifest).href, type: 2 }] });
    after = await diagnosticsOf(client, uri);
  }, 200_000);

  afterAll(async () => {
    await client?.shutdown();
  });

  it('lints the file, and lints it again after the change (no dev script yet: no report)', () => {
    expect(before.filter((d) => d.code === BATCH_RULE)).toEqual([]);
    expect(before.filter((d) => d.severity === 1 && d.code === undefined)).toEqual([]); // no parse or config error
    expect(after.filter((d) => d.severity === 1 && d.code === undefined)).toEqual([]); // the second lint ran cleanly too
  });

  it('a new server sees the dev script: the project is set up right for the check below', async () => {
    const fresh = await startServer(project);
    try {
      const { uri: freshUri } = open(fresh, path.join(project, 'src', 'tracing.js'));
      const diagnostics = await diagnosticsOf(fresh, freshUri);
      expect(diagnostics.filter((d) => d.code === BATCH_RULE).map((d) => d.range.start.line + 1)).toEqual([4]);
    } finally {
      await fresh.shutdown();
    }
  }, 120_000);

  // The project-file caches are validated by mtime (issue 11, item 4): a long-running editor
  // server sees the new scripts on the next lint, without a restart.
  it('the same server reports no-batch-processor-in-dev once package.json runs the file under nodemon', () => {
    expect(after.filter((d) => d.code === BATCH_RULE).map((d) => d.range.start.line + 1)).toEqual([4]);
  });
});

