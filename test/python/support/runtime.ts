// Harness for the Python runtime proofs: real venvs, real servers, a real OTLP receiver.
//
// An app folder (test/python/apps/<scenario>/{before,after}) is copied to a temp dir and started
// with the command from its Procfile (`web: …`), through /bin/sh like a process manager would,
// with the venv's bin/ first on PATH, $PORT set to a free port and the OTLP exporter pointed at
// the receiver under a prefix of its own. The test sends requests, stops the whole process tree
// the way a terminal or supervisor would (SIGINT/SIGTERM, so atexit handlers flush the batch
// processors), and only then counts: what arrived is final, with no sleeps to tune.
// OTEL_SAFE_RUNTIME_DEBUG=1 prints how long each stop took and what outlived its signal.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isCurrent, venvDir } from '../../../scripts/python-env.mjs';

export type PythonSet = 'A' | 'B';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const appsDir = join(repoRoot, 'test', 'python', 'apps');
const probeDir = join(__dirname, 'probe');

/** Both pinned venvs exist and match their requirements files; otherwise the suite is skipped. */
export function venvsReady(): boolean {
  try {
    return isCurrent('A') && isCurrent('B');
  } catch {
    return false;
  }
}

export function venvBin(set: PythonSet, tool = 'python'): string {
  return join(venvDir(set), 'bin', tool);
}

export interface ReceivedSpan {
  prefix: string;
  name: string;
  kind: string;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  scope: string;
}

export interface Receiver {
  port: number;
  /** The OTLP base endpoint for one run: spans posted under it carry `prefix`. */
  endpoint(prefix: string): string;
  spans(prefix?: string): Promise<ReceivedSpan[]>;
  stop(): Promise<void>;
}

/** Starts test/python/support/otlp_receiver.py from set A's venv (it brings opentelemetry-proto). */
export async function startReceiver(): Promise<Receiver> {
  const child = spawn(venvBin('A'), [join(__dirname, 'otlp_receiver.py')], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return {
    port,
    endpoint: (prefix) => `http://127.0.0.1:${port}/${prefix}`,
    async spans(prefix) {
      const all = (await (await fetch(`http://127.0.0.1:${port}/spans`)).json()) as ReceivedSpan[];
      // A run's spans: those posted under its prefix, or under a path below it.
      return prefix === undefined ? all : all.filter((s) => s.prefix === `/${prefix}` || s.prefix.startsWith(`/${prefix}/`));
    },
    stop: () => stopTree(child, 'SIGTERM'),
  };
}

export interface ProbeEvent {
  pid: number;
  event: 'tracer_provider' | 'span_processor' | 'set_tracer_provider' | 'exporter' | 'export';
  provider?: number;
  exporter?: number;
  accepted?: boolean;
  spans?: number;
  processor?: string;
}

export interface RunOptions {
  set: PythonSet;
  /** App folder relative to test/python/apps, e.g. 'gunicorn-preload/before'. */
  app: string;
  receiver: Receiver;
  /** The Procfile process to run (default `web`), or a command line of its own. */
  procfile?: string;
  command?: string;
  /** Extra environment; a function gets the run's OTLP base endpoint (spans below it count for the run). */
  env?: Record<string, string> | ((base: string) => Record<string, string>);
  /** Variables to leave out of the environment, e.g. the default OTEL_EXPORTER_OTLP_ENDPOINT. */
  unset?: string[];
  /** Request paths; each is counted on its own. */
  paths?: string[];
  /** Record setup events per process (test/python/support/probe); not under opentelemetry-instrument. */
  probe?: boolean;
  /** How the tree is stopped: SIGINT to the group (Ctrl-C in a terminal) or SIGTERM to the leader's group. */
  stopSignal?: NodeJS.Signals;
  /** Edit the copied files before the start (e.g. point a hard-coded endpoint below `base`). */
  prepare?: (dir: string, base: string) => void;
  /** For one-shot scripts: no port, no requests; wait for the command to exit by itself. */
  oneShot?: boolean;
}

export interface RunResult {
  /** The run's OTLP base endpoint (prefix included). */
  base: string;
  /** Server spans per request path, in the order of `paths`. */
  perRequest: number[];
  spans: ReceivedSpan[];
  probe: ProbeEvent[];
  output: string;
  exitCode: number | null;
}

const live = new Set<ChildProcess>();

/** Kills every process tree a test started and left running (call from afterEach). */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map((child) => stopTree(child, 'SIGKILL')));
}

let runCounter = 0;

/** Runs one app the way its Procfile says, sends the requests, stops it, counts what arrived. */
export async function runApp(options: RunOptions): Promise<RunResult> {
  const prefix = `run-${process.pid}-${++runCounter}`;
  const work = mkdtempSync(join(tmpdir(), 'otel-safe-py-'));
  try {
    cpSync(join(appsDir, options.app), work, { recursive: true });
    const base = options.receiver.endpoint(prefix);
    options.prepare?.(work, base);
    const port = options.oneShot ? 0 : await freePort();
    const command = options.command ?? procfileCommand(work, options.procfile ?? (options.oneShot ? 'report' : 'web'));
    const probeFile = join(work, '.probe.jsonl');
    const env: Record<string, string> = {
      ...baseEnv(),
      PATH: `${join(venvDir(options.set), 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      VIRTUAL_ENV: venvDir(options.set),
      PORT: String(port),
      OTEL_EXPORTER_OTLP_ENDPOINT: base,
      // opentelemetry-distro defaults to grpc; the exporter in the sets is OTLP/HTTP.
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONUNBUFFERED: '1',
      ...(options.probe ? { PYTHONPATH: probeDir, OTEL_SAFE_PROBE_FILE: probeFile } : {}),
      ...(typeof options.env === 'function' ? options.env(base) : options.env),
    };
    for (const name of options.unset ?? []) delete env[name];
    const child = spawn('/bin/sh', ['-c', command], { cwd: work, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

    const paths = options.paths ?? ['/orders/1', '/orders/2', '/orders/3'];
    if (!options.oneShot) {
      try {
        await waitForPort(port, child, () => output);
        for (const path of paths) {
          const response = await fetch(`http://127.0.0.1:${port}${path}`);
          await response.text();
          if (!response.ok) throw new Error(`GET ${path} → ${response.status}\n${output}`);
        }
      } catch (error) {
        await stopTree(child, 'SIGKILL');
        throw error;
      }
      const stopping = Date.now();
      await stopTree(child, options.stopSignal ?? 'SIGINT');
      if (process.env.OTEL_SAFE_RUNTIME_DEBUG) console.log(`${options.app}: stopped in ${Date.now() - stopping} ms`);
    }
    const exitCode = await withTimeout(exited, 15_000, () => `the app did not exit\n${output}`);
    await stopTree(child, 'SIGKILL'); // leftovers of the group, if any
    const spans = await options.receiver.spans(prefix);
    const probe = existsSync(probeFile)
      ? readFileSync(probeFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as ProbeEvent)
      : [];
    return { base, perRequest: paths.map((path) => countServerSpans(spans, path)), spans, probe, output, exitCode };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** SERVER spans for one request path (old and stable HTTP semantic conventions). */
export function countServerSpans(spans: ReceivedSpan[], path: string): number {
  return spans.filter((s) => s.kind === 'SPAN_KIND_SERVER' && requestPath(s) === path).length;
}

function requestPath(span: ReceivedSpan): string | undefined {
  const target = span.attributes['http.target'] ?? span.attributes['url.path'];
  if (typeof target === 'string') return target.split('?')[0];
  const url = span.attributes['http.url'] ?? span.attributes['url.full']; // Django's server spans
  return typeof url === 'string' ? new URL(url).pathname : undefined;
}

/** Probe events grouped by process: how many of each event every pid recorded. */
export function eventsPerProcess(events: ProbeEvent[], event: ProbeEvent['event']): number[] {
  const counts = new Map<number, number>();
  for (const e of events) if (e.event === event) counts.set(e.pid, (counts.get(e.pid) ?? 0) + 1);
  return [...counts.values()];
}

/** Spans exported by each OTLP exporter instance the probe saw built (0 for one that never exported). */
export function spansPerExporter(events: ProbeEvent[]): number[] {
  const totals = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.exporter}`;
    if (e.event === 'exporter') totals.set(key, totals.get(key) ?? 0);
    if (e.event === 'export') totals.set(key, (totals.get(key) ?? 0) + (e.spans ?? 0));
  }
  return [...totals.values()];
}

export function procfileCommand(dir: string, processName: string): string {
  const line = readFileSync(join(dir, 'Procfile'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${processName}:`));
  if (!line) throw new Error(`no "${processName}:" line in ${dir}/Procfile`);
  return line.slice(processName.length + 1).trim();
}

// The runs must not inherit the developer's or CI's OpenTelemetry, Flask or Python settings.
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(OTEL_|FLASK_|WERKZEUG_|PYTHON|GUNICORN_|VIRTUAL_ENV|DJANGO_)/.test(key)) continue;
    env[key] = value;
  }
  return env;
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before listening\n${output()}`);
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listened on ${port} within 15 s\n${output()}`);
}

/** Signals the child's process group (it was spawned detached, so it leads one) and waits until the group is gone. */
async function stopTree(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const group = child.pid!;
  const alive = () => {
    try {
      process.kill(-group, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return void live.delete(child);
  try {
    process.kill(-group, signal);
  } catch {
    /* gone meanwhile */
  }
  const deadline = Date.now() + (signal === 'SIGKILL' ? 3_000 : 10_000);
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  if (alive()) {
    if (process.env.OTEL_SAFE_RUNTIME_DEBUG) console.log(`still alive after ${signal}:`, execFileSync('ps', ['-g', String(group), '-o', 'pid,stat,args'], { encoding: 'utf8' }));
    process.kill(-group, 'SIGKILL');
    while (alive()) await new Promise((r) => setTimeout(r, 25));
  }
  live.delete(child);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message())), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Registers the hooks every runtime test file needs: one receiver for the file, every process
 * tree killed after each test. Returns a getter for the receiver.
 */
export function useReceiver(hooks: {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
  afterEach: (fn: () => Promise<void>) => void;
}): () => Receiver {
  let receiver: Receiver | undefined;
  hooks.beforeAll(async () => {
    receiver = await startReceiver();
  });
  hooks.afterAll(async () => {
    await receiver?.stop();
  });
  hooks.afterEach(killAll);
  return () => receiver!;
}

/** Logs, once per file, why the file's runtime proofs are skipped. */
export function reportSkip(ready: boolean): void {
  if (!ready) console.log('python runtime proofs skipped: the pinned venvs are missing or stale (node scripts/python-env.mjs builds them)');
}
