// Runtime proof for no-duplicate-instrumentation's standalone case (holdout miss
// mohimenol-frontend-tracing:28): in the browser, `new FetchInstrumentation()` is enabled by its
// constructor even when no registration ever receives it, and it wraps `fetch` under the web
// bundle's own FetchInstrumentation: two client spans per fetch. Switched off with
// `enabled: false`, it adds nothing. The page is bundled by esbuild for the browser (so
// @opentelemetry/instrumentation's browser platform is the one that runs) and opened in Debian's
// Chromium (playwright-core); the spans are counted inside the page.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const repoModules = join(__dirname, '..', '..', 'node_modules');

/** The page's setup: a provider whose exporter keeps span names in the page, the web bundle, and `extra`. */
const entry = (extra: string) => `import { SimpleSpanProcessor, WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web';
const spans = (window.__spans = []);
const exporter = { export(batch, done) { for (const s of batch) spans.push(String(s.attributes['url.full'] ?? s.attributes['http.url'] ?? '')); done({ code: 0 }); }, shutdown: () => Promise.resolve() };
const provider = new WebTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
${extra}
provider.register();
registerInstrumentations({ instrumentations: [getWebAutoInstrumentations()], tracerProvider: provider });
`;

const pages = {
  bundleOnly: entry(''),
  standalone: entry('const fetchTracing = new FetchInstrumentation({});\nfetchTracing.setTracerProvider(provider);'),
  switchedOff: entry('const fetchTracing = new FetchInstrumentation({ enabled: false });\nfetchTracing.setTracerProvider(provider);'),
};

const dir = mkdtempSync(join(tmpdir(), 'otel-safe-standalone-'));
let server: Server;
let origin: string;

beforeAll(async () => {
  if (!hasChromium) return;
  // esbuild as tsup's own dependency (tsup is ours, and bundles with it)
  const esbuild = createRequire(require.resolve('tsup'))('esbuild') as typeof import('esbuild');
  for (const [name, text] of Object.entries(pages)) {
    writeFileSync(join(dir, `${name}.js`), text);
    await esbuild.build({ entryPoints: [join(dir, `${name}.js`)], bundle: true, platform: 'browser', format: 'iife', outfile: join(dir, `${name}.bundle.js`), nodePaths: [repoModules], logLevel: 'silent' });
  }
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/ping') return void res.end('pong');
    const page = url.pathname.slice(1);
    if (Object.hasOwn(pages, page)) return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><script src="/${page}.bundle.js"></script>`);
    if (page.endsWith('.bundle.js') && Object.hasOwn(pages, page.slice(0, -'.bundle.js'.length))) {
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(dir, page)));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Client spans the page records for one `fetch('/ping')`. */
async function spansPerFetch(page: keyof typeof pages): Promise<number> {
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'otel-safe-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.goto(`${origin}/${page}`);
    await tab.waitForFunction(() => Array.isArray((globalThis as unknown as { __spans?: string[] }).__spans));
    return await tab.evaluate(async () => {
      await (await fetch('/ping?n=1')).text();
      await new Promise((r) => setTimeout(r, 1500));
      return ((globalThis as unknown as { __spans: string[] }).__spans ?? []).filter((u) => u.includes('/ping?n=1')).length;
    });
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasChromium)('runtime: a standalone FetchInstrumentation next to the web bundle (Chromium)', () => {
  it('the web bundle alone: one client span per fetch', async () => {
    expect(await spansPerFetch('bundleOnly')).toBe(1);
  }, 60_000);
  it('a FetchInstrumentation constructed and never registered, next to the bundle: two client spans per fetch', async () => {
    expect(await spansPerFetch('standalone')).toBe(2);
  }, 60_000);
  it('the same construction with enabled: false: one client span per fetch', async () => {
    expect(await spansPerFetch('switchedOff')).toBe(1);
  }, 60_000);
});
