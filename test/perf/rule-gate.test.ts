// The fast path's decision is made once per linted file, not once per rule: the rules ESLint
// creates after the first find it by the file's shared context (src/rule.ts `decideGate`).
// Counted, not timed. A host whose rule contexts do not identify the file gets a decision per
// rule, and never another file's.
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import { analysisStats } from '../../src/analysis';
import { fileGateStats } from '../../src/rule';

const ruleNames = Object.keys(plugin.rules);
const allRules = Object.fromEntries(ruleNames.map((r) => [`otel-safe/${r}`, 'error' as const]));
const config = [{ files: ['**/*.js'], plugins: { 'otel-safe': plugin as never }, rules: allRules }];

const PLAIN = "const http = require('http');\nhttp.createServer((q, s) => s.end('ok')).listen(3000);\n";
const SETUP = "const { NodeSDK } = require('@opentelemetry/sdk-node');\nconst sdk = new NodeSDK();\nsdk.start();\n";

const rules = plugin.rules as Record<string, { create(c: unknown): object }>;
const parser = new Linter({ configType: 'flat', cwd: '/app' });

/** A text's ESLint `SourceCode` (from a run without rules). */
function sourceCodeOf(text: string): unknown {
  parser.verify(text, [{ files: ['**/*.js'] }], '/app/x.js');
  return parser.getSourceCode();
}

/** A rule's context as ESLint makes it: frozen, `Object.create` on the file context `owner`. */
function ruleContext(owner: object, name: string): object {
  return Object.freeze(Object.assign(Object.create(owner), { id: `otel-safe/${name}`, options: [], report() {} }));
}

/** The listener keys every otel-safe rule returns on contexts made on `owner`. */
function listenerKeys(owner: object): string[][] {
  return ruleNames.map((name) => Object.keys(rules[name]!.create(ruleContext(owner, name))));
}

/**
 * Lints a text as ESLint 9 builds rule contexts (a frozen file context, each rule's context made by
 * `Object.create` on it), calling each rule's `create` directly; returns the listener objects.
 */
function eslint9Host(wrap: (context: object) => object = (context) => context) {
  return (text: string, filename: string, settings: object): object[] => {
    const fileContext = Object.freeze({ cwd: '/app', filename, physicalFilename: filename, sourceCode: sourceCodeOf(text), settings, languageOptions: {} });
    return ruleNames.map((name) => rules[name]!.create(wrap(ruleContext(fileContext, name))));
  };
}

describe('fast-path decision per file (counts work, not time)', () => {
  it('decides once per file for all rules under ESLint, and again for the next file', () => {
    const linter = new Linter({ configType: 'flat', cwd: '/app' });
    const before = fileGateStats.decided;
    expect(linter.verify(PLAIN, config as never, '/app/src/server.js')).toEqual([]);
    expect(fileGateStats.decided).toBe(before + 1);
    expect(linter.verify(PLAIN, config as never, '/app/src/other.js')).toEqual([]);
    expect(fileGateStats.decided).toBe(before + 2);
    // the next file's setup is still reported: the decision is not carried over
    const messages = linter.verify(SETUP, config as never, '/app/src/tracing.js');
    expect(messages.map((m) => m.ruleId)).toContain('otel-safe/require-shutdown-handler');
    expect(fileGateStats.decided).toBe(before + 3);
  });

  it('reads the file and settings off the shared file context, never through a rule context', () => {
    // a read through a new rule context misses V8's caches (2–4 µs per file inside ESLint): the
    // gate takes `sourceCode` and `settings` as own properties of the frozen file context. Each
    // rule context is behind a proxy that counts the property reads made through it.
    let reads = 0;
    const lint = eslint9Host((context) => new Proxy(context, { get: (target, key) => (reads++, Reflect.get(target, key)) }));
    const keysOf = (listeners: object[]) => listeners.map((l) => Object.keys(l));
    const registrars = { 'otel-safe': { registrars: [{ module: '@acme/telemetry', export: 'init', kind: 'sdk-start' }] } };
    const before = fileGateStats.decided;
    expect(keysOf(lint(PLAIN, '/app/src/server.js', {})).every((keys) => keys.length === 0)).toBe(true);
    expect(keysOf(lint(PLAIN, '/app/src/other.js', registrars)).every((keys) => keys.length === 0)).toBe(true);
    expect(reads).toBe(0);
    expect(fileGateStats.decided).toBe(before + 2);
    // the settings are still read: a configured registrar's module passes the gate
    const registrar = "import { init } from '@acme/telemetry';\ninit();\n";
    expect(keysOf(lint(registrar, '/app/src/boot.js', registrars)).some((keys) => keys.length > 0)).toBe(true);
    expect(keysOf(lint(registrar, '/app/src/boot2.js', {})).every((keys) => keys.length === 0)).toBe(true);
  });

  it('reads the sourceCode descriptor once per kind of file context, not once per file', () => {
    // ESLint makes a new frozen FileContext per file: its descriptor (two lookups and an allocation,
    // ~0.7 µs per file inside ESLint) is read for the first, later ones are read off by `Reflect.get`
    const linter = new Linter({ configType: 'flat', cwd: '/app' });
    linter.verify(PLAIN, config as never, '/app/src/warm.js');
    const checks = fileGateStats.descriptorChecks;
    const decided = fileGateStats.decided;
    for (const file of ['/app/src/a.js', '/app/src/b.js', '/app/src/c.js']) expect(linter.verify(PLAIN, config as never, file)).toEqual([]);
    expect(linter.verify(SETUP, config as never, '/app/src/tracing.js').map((m) => m.ruleId)).toContain('otel-safe/require-shutdown-handler');
    expect(fileGateStats.decided).toBe(decided + 4);
    expect(fileGateStats.descriptorChecks).toBe(checks);
  });

  it('checks again an owner of a verified kind that can be extended, and decides per rule when it holds a writable sourceCode', () => {
    // a host reusing one owner per file, of the same class as a frozen owner verified before
    class FileContext {
      constructor(
        public sourceCode: unknown,
        public readonly settings: object,
        freeze: boolean,
      ) {
        if (freeze) Object.freeze(this);
      }
    }
    let checks = fileGateStats.descriptorChecks;
    expect(listenerKeys(new FileContext(sourceCodeOf(PLAIN), {}, true)).every((keys) => keys.length === 0)).toBe(true);
    expect(fileGateStats.descriptorChecks).toBe(checks + 1);
    checks = fileGateStats.descriptorChecks;
    expect(listenerKeys(new FileContext(sourceCodeOf(PLAIN), {}, true)).every((keys) => keys.length === 0)).toBe(true);
    expect(fileGateStats.descriptorChecks).toBe(checks); // the verified kind, not extensible: no descriptor
    const reused = new FileContext(sourceCodeOf(PLAIN), {}, false);
    const decided = fileGateStats.decided;
    expect(listenerKeys(reused).every((keys) => keys.length === 0)).toBe(true);
    reused.sourceCode = sourceCodeOf(SETUP);
    expect(listenerKeys(reused).some((keys) => keys.length > 0)).toBe(true);
    expect(fileGateStats.decided).toBe(decided + 2 * ruleNames.length);
  });

  it('hands every rule of a skipped file one shared frozen listener object (allocates none per rule and file)', () => {
    // an allocation inside ESLint's timed window can start a garbage collection that ESLint charges
    // to the rule (bench/README.md, fourteenth pass)
    const lint = eslint9Host();
    const skipped = [...lint(PLAIN, '/app/src/a.js', {}), ...lint(PLAIN, '/app/src/b.js', {})];
    expect(skipped).toHaveLength(2 * ruleNames.length);
    expect(new Set(skipped).size).toBe(1);
    expect(Object.isFrozen(skipped[0])).toBe(true);
    expect(Object.keys(skipped[0]!)).toEqual([]);
    // a file with OpenTelemetry: every rule listens, on an object of its own
    const visited = lint(SETUP, '/app/src/tracing.js', {});
    expect(visited.every((l) => l !== skipped[0] && Object.keys(l).length > 0)).toBe(true);
  });

  it('decides per rule when the shared prototype holds a writable sourceCode (a host that reuses it per file)', () => {
    // only a fixed own value (ESLint's frozen file context) lets the prototype stand for one file
    const shared: Record<string, unknown> = { cwd: '/app', settings: {}, languageOptions: {} };
    const listenersOf = (text: string, filename: string) => {
      shared.sourceCode = sourceCodeOf(text);
      shared.filename = filename;
      return listenerKeys(shared);
    };
    const before = fileGateStats.decided;
    const scansBefore = analysisStats.textChecks;
    expect(listenersOf(PLAIN, '/app/a.js').every((keys) => keys.length === 0)).toBe(true);
    // each rule decides, and the text is still scanned once: `hasNoModel` remembers the file
    expect(analysisStats.textChecks).toBe(scansBefore + 1);
    // the same prototype object, now holding another file: that file's own decision
    expect(listenersOf(SETUP, '/app/b.js').some((keys) => keys.length > 0)).toBe(true);
    expect(fileGateStats.decided).toBe(before + 2 * ruleNames.length);
  });

  it('follows the registrars of each file\'s settings when configurations alternate', () => {
    const linter = new Linter({ configType: 'flat', cwd: '/app' });
    const withRegistrar = (module: string) => ({ files: [`**/${module.slice(1)}/*.js`], plugins: { 'otel-safe': plugin as never }, rules: allRules, settings: { 'otel-safe': { registrars: [{ module, export: 'init', kind: 'sdk-start' }] } } });
    const configs = [withRegistrar('@acme/telemetry'), withRegistrar('@zeta/telemetry')];
    const boot = (module: string) => `import { init } from '${module}';\ninit();\n`;
    for (let round = 0; round < 2; round++) {
      for (const [own, other] of [['@acme/telemetry', '@zeta/telemetry'], ['@zeta/telemetry', '@acme/telemetry']] as const) {
        const dir = `/app/${own.slice(1)}`;
        // the file's own registrar passes the gate (require-shutdown-handler reports the start), the other configuration's does not
        expect(linter.verify(boot(own), configs as never, `${dir}/boot.js`).length, own).toBeGreaterThan(0);
        expect(linter.verify(boot(other), configs as never, `${dir}/other.js`), other).toEqual([]);
      }
    }
  });

  it('merges a rule\'s options over its defaults once, not once per file (ESLint hands a new array per file)', () => {
    const linter = new Linter({ configType: 'flat', cwd: '/app' });
    const files = ['/app/src/a.js', '/app/src/b.js', '/app/src/c.js'];
    linter.verify(SETUP, config as never, '/app/src/warm.js');
    const before = fileGateStats.optionsMerged;
    for (const file of files) expect(linter.verify(SETUP, config as never, file).length).toBeGreaterThan(0);
    expect(fileGateStats.optionsMerged).toBe(before);
    // a user's option still applies: `requireSigint: false` is honoured on each file, merged once per rule
    const withOption = [{ ...config[0], rules: { ...allRules, 'otel-safe/require-shutdown-handler': ['error', { requireSigint: false }] } }];
    const sigintOnly = "const { NodeSDK } = require('@opentelemetry/sdk-node');\nconst sdk = new NodeSDK();\nsdk.start();\nprocess.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(0)));\n";
    const shutdownReports = (cfg: unknown) => linter.verify(sigintOnly, cfg as never, '/app/src/d.js').filter((m) => m.ruleId === 'otel-safe/require-shutdown-handler');
    expect(shutdownReports(config).length).toBeGreaterThan(0);
    expect(shutdownReports(withOption)).toEqual([]);
    expect(shutdownReports(withOption)).toEqual([]);
  });

  it('throws invalid settings from every rule of the file, not only the first (no half-made decision is shared)', () => {
    const fileContext = Object.freeze({ cwd: '/app', filename: '/app/src/bad.js', physicalFilename: '/app/src/bad.js', sourceCode: sourceCodeOf(PLAIN), settings: { 'otel-safe': 5 }, languageOptions: {} });
    const thrown = ruleNames.map((name) => {
      try {
        rules[name]!.create(ruleContext(fileContext, name));
        return 'created';
      } catch (error) {
        return (error as Error).constructor.name;
      }
    });
    expect(thrown).toEqual(ruleNames.map(() => 'SettingsError'));
  });

  it('decides per rule when contexts share a prototype that does not own the file (a class getter)', () => {
    class Context {
      constructor(private readonly file: { text: string; name: string }) {}
      get sourceCode() {
        return sourceCodes.get(this.file.text)!;
      }
      get filename() {
        return this.file.name;
      }
      get settings() {
        return {};
      }
      get options() {
        return [];
      }
      report(): void {
        reports++;
      }
    }
    Object.freeze(Context.prototype);
    const sourceCodes = new Map<string, unknown>();
    for (const text of [PLAIN, SETUP]) sourceCodes.set(text, sourceCodeOf(text));
    let reports = 0;
    const before = fileGateStats.decided;
    const listenersOf = (file: { text: string; name: string }) => ruleNames.map((name) => Object.keys(rules[name]!.create(new Context(file))));
    expect(listenersOf({ text: PLAIN, name: '/app/a.js' }).every((keys) => keys.length === 0)).toBe(true);
    expect(listenersOf({ text: SETUP, name: '/app/b.js' }).some((keys) => keys.length > 0)).toBe(true);
    expect(fileGateStats.decided).toBe(before + 2 * ruleNames.length);
    expect(reports).toBe(0);
  });
});
