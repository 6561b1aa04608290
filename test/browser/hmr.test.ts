// Runtime proof for require-hmr-dispose / add-hmr-dispose: examples/vite-app served by a real
// Vite dev server (createServer API) and examples/webpack-app by webpack-dev-server (module.hot),
// both on 127.0.0.1, opened in Debian's Chromium (playwright-core).
// The tracing module accepts its own updates; the test edits it N times through the file system,
// waits for each hot update to re-evaluate it, and makes one `fetch`, whose spans the app's exporter
// posts to a receiver on 127.0.0.1. Before the codemod every edit adds a `fetch` wrapper (1, 2, 3, 4
// spans per fetch); after it (src/tracing.ts rewritten by the real transform) exactly one, and the
// page never fully reloads.
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import transform from '../../codemods/add-hmr-dispose';
import type { API } from '../../src/codemod/types';
import { lint } from '../support/lint';

const CHROMIUM = '/usr/bin/chromium';
const EDITS = 3;
const repoRoot = join(__dirname, '..', '..');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test/browser/hmr.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

/** What the example app leaves on `window` (read inside the page). */
interface PageGlobals {
  __tracingEvaluations?: number;
  __pageLoadMarker?: string;
}

interface ReceivedSpan {
  name: string;
  url?: string;
}

interface Receiver {
  url: string;
  spans: ReceivedSpan[];
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const spans: ReceivedSpan[] = [];
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST, OPTIONS' };
  const server: Server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    if (req.method === 'POST' && req.url === '/spans') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        try {
          spans.push(...(JSON.parse(body) as ReceivedSpan[]));
        } catch {
          // a malformed batch is not a span
        }
        res.writeHead(200, cors).end('ok');
      });
      return;
    }
    res.writeHead(200, { ...cors, 'content-type': 'text/plain' }).end('pong');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, spans, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Waits until some spans for `marker` arrived and their count stayed the same for a second. */
async function settledCount(spans: ReceivedSpan[], marker: string): Promise<number> {
  const count = () => spans.filter((s) => s.url?.includes(marker)).length;
  const deadline = Date.now() + 10_000;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const n = count();
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (n > 0 && Date.now() - stableSince >= 1000) return n;
    await new Promise((r) => setTimeout(r, 100));
  }
  return count();
}

interface ScenarioResult {
  /** Spans received for the fetch made after load (index 0) and after each edit. */
  counts: number[];
  markerSurvived: boolean;
  evaluations: number;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

type Bundler = 'vite' | 'webpack';

interface DevServer {
  url: string;
  close(): Promise<void>;
}

/** Vite's dev server through its createServer API. */
async function startVite(dir: string): Promise<DevServer> {
  const { createServer: createViteServer } = await import('vite');
  const vite = await createViteServer({
    root: dir,
    configFile: false,
    logLevel: 'error',
    clearScreen: false,
    cacheDir: join(dir, '.vite'),
    server: { host: '127.0.0.1', port: 0, strictPort: false, fs: { allow: [dir, repoRoot] } },
    optimizeDeps: {
      include: ['@opentelemetry/api', '@opentelemetry/sdk-trace-web', '@opentelemetry/instrumentation', '@opentelemetry/instrumentation-fetch'],
    },
  });
  await vite.listen();
  return { url: `http://127.0.0.1:${(vite.httpServer!.address() as AddressInfo).port}`, close: () => vite.close() };
}

/** webpack-dev-server with hot module replacement and no live-reload fallback (a failed update would show as a lost marker). */
async function startWebpack(dir: string): Promise<DevServer> {
  const webpack = (await import('webpack')).default;
  const WebpackDevServer = (await import('webpack-dev-server')).default;
  const compiler = webpack({
    mode: 'development',
    devtool: false,
    context: dir,
    entry: './src/main.js',
    output: { path: join(dir, 'dist'), publicPath: '/' },
    infrastructureLogging: { level: 'error' },
    stats: 'none',
  });
  const server = new WebpackDevServer(
    { host: '127.0.0.1', port: 'auto', hot: true, liveReload: false, static: { directory: join(dir, 'public'), watch: false }, client: { logging: 'none', overlay: false } },
    compiler,
  );
  await server.start();
  const address = server.server!.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.stop() };
}

async function runScenario(receiver: Receiver, bundler: Bundler, fixed: boolean): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), `otel-safe-${bundler}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(repoRoot, 'examples', `${bundler}-app`), dir, { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const tracing = join(dir, 'src', bundler === 'vite' ? 'tracing.ts' : 'tracing.js');
  if (fixed) {
    const source = readFileSync(tracing, 'utf8');
    const api = {} as API;
    const out = transform({ path: tracing, source }, api, {});
    expect(out, 'the codemod rewrites src/tracing.ts').not.toBe(source);
    writeFileSync(tracing, out!);
  }

  const dev = bundler === 'vite' ? await startVite(dir) : await startWebpack(dir);

  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'otel-safe-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${dev.url}/?receiver=${encodeURIComponent(receiver.url)}`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__tracingEvaluations === 1 && !!(globalThis as unknown as PageGlobals).__pageLoadMarker, undefined, { timeout: 60_000 });
    const marker = await page.evaluate(() => (globalThis as unknown as PageGlobals).__pageLoadMarker);
    const tag = `${bundler}-${fixed ? 'after' : 'before'}`;
    const counts: number[] = [];
    for (let edit = 0; edit <= EDITS; edit++) {
      if (edit > 0) {
        appendFileSync(tracing, `\n// edit ${edit}\n`);
        await page.waitForFunction((n) => (globalThis as unknown as PageGlobals).__tracingEvaluations === n, edit + 1, { timeout: 20_000 });
      }
      const url = `${receiver.url}/ping?run=${tag}&edit=${edit}`;
      await page.evaluate(async (u) => {
        await (await fetch(u)).text();
      }, url);
      counts.push(await settledCount(receiver.spans, `run=${tag}&edit=${edit}`));
    }
    const finalMarker = await page.evaluate(() => (globalThis as unknown as PageGlobals).__pageLoadMarker);
    const evaluations = await page.evaluate(() => (globalThis as unknown as PageGlobals).__tracingEvaluations ?? 0);
    return { counts, markerSurvived: finalMarker === marker, evaluations };
  } finally {
    await context.close();
    await dev.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasChromium)(hasChromium ? 'HMR proof: Vite and webpack-dev-server in Chromium' : `HMR proof skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`, () => {
  for (const file of ['examples/vite-app/src/tracing.ts', 'examples/webpack-app/src/tracing.js']) {
    it(`${file} is what require-hmr-dispose reports, and the codemod's output is not`, () => {
      const source = readFileSync(join(repoRoot, file), 'utf8');
      const messages = lint(source, file, 'require-hmr-dispose');
      expect(messages.map((m) => m.messageId)).toEqual(['unguardedSetup', 'unguardedSetup']);
      const fixed = transform({ path: join(repoRoot, file), source }, {} as API, {})!;
      expect(fixed).not.toBe(source);
      expect(lint(fixed, file, 'require-hmr-dispose')).toEqual([]);
    });
  }

  for (const bundler of ['vite', 'webpack'] as const) {
    it(`${bundler}: before add-hmr-dispose every edit adds a fetch wrapper; after it, one span per fetch after each of ${EDITS} edits, no full reload`, async () => {
      const receiver = await startReceiver();
      cleanups.push(() => receiver.close());
      const before = await runScenario(receiver, bundler, false);
      const after = await runScenario(receiver, bundler, true);
      console.log(`${bundler} HMR spans per fetch (load, edit 1..${EDITS}): before ${JSON.stringify(before.counts)}, after ${JSON.stringify(after.counts)}`);

      // every hot update re-evaluated the module, in both runs, without a full page reload
      expect(before.evaluations).toBe(EDITS + 1);
      expect(after.evaluations).toBe(EDITS + 1);
      expect(before.markerSurvived).toBe(true);
      expect(after.markerSurvived).toBe(true);
      // before: one more client span per fetch after every edit
      expect(before.counts).toEqual([1, 2, 3, 4]);
      // after: exactly one, every time
      expect(after.counts).toEqual([1, 1, 1, 1]);
    }, 240_000);
  }
});
