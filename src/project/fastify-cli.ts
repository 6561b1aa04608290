// fastify-cli's `fastify start`, read from the project's package.json scripts: it loads the modules
// of `--require`/`--import` and the app plugin into its own process, and closes the app on
// SIGINT/SIGTERM through close-with-grace, so the app's `onClose` hooks run on those signals
// (fastify-cli 8.0.0 `start.js:186-191`: `closeWithGrace(…, async () => { await fastify.close() })`;
// close-with-grace 2.5.0 `index.js:36` listens to the signals of `events/signal.events.js`, SIGINT and
// SIGTERM among them, and `:139-145` exits once the close settles). fastify-cli has done so since
// 2.8.0 (`start.js:130`; 2.7.0 installs no listener). A plain `node app.js` with `fastify.listen()`
// closes nothing on a signal: Fastify installs no signal listener (run with fastify 5.9.0 and fastify-cli 8.0.0
// on Node 20: SIGTERM ends `node app.js` with 143 and no `onClose`; under `fastify start --import` the hook
// awaits the preload's stored SDK's `shutdown()` before the exit; docs/rules/require-shutdown-handler.md).
import { resolve } from 'node:path';
import { FileMemo } from './files';
import { getProjectInfo } from './index';
import { Resolver } from './resolve';
import { baseName, parseCommandLine } from './shell';
import { hasVersionAtLeast } from './versions';

/** One `fastify start` of a script: the files it preloads and the app plugin it loads (absolute, resolved to sources). */
export interface FastifyStart {
  readonly script: string;
  readonly preloads: readonly string[];
  readonly app: string | undefined;
}

/** fastify-cli's flags that take a value (fastify-cli 8.0.0 `args.js:30-52`: `number`/`string` options and their aliases). */
const VALUE_FLAGS = new Set([
  ...['port', 'inspect-port', 'body-limit', 'plugin-timeout', 'close-grace-delay', 'trust-proxy-hop'],
  ...['log-level', 'address', 'socket', 'prefix', 'ignore-watch', 'logging-module', 'debug-host', 'lang', 'require', 'import', 'config', 'method', 'trust-proxy-ips', 'follow-watch', 'debug-port'],
  ...['p', 's', 'c', 'a', 'x', 'r', 'i', 'I', 'l', 'T', 'g', 'L'],
]);
const PRELOAD_FLAGS = new Set(['require', 'import', 'r', 'i']);

/** The first fastify-cli release whose `start` closes the app on SIGINT/SIGTERM. */
const CLOSES_ON_SIGNALS_SINCE = '2.8.0';

const memo = new FileMemo<readonly FastifyStart[]>();

/** Every `fastify start` in the scripts of the file's project (nearest package.json). */
export function fastifyStarts(filename: string): readonly FastifyStart[] {
  const root = getProjectInfo(filename).root;
  if (!root) return [];
  return memo.get(root, () => {
    const pkg = getProjectInfo(filename).packageJson;
    if (!pkg) return [];
    const resolver = new Resolver(root, []);
    const out: FastifyStart[] = [];
    for (const [script, command] of Object.entries(pkg.scripts)) {
      for (const { argv } of parseCommandLine(command)) {
        const at = argv.findIndex((w, i) => baseName(w) === 'fastify' && argv[i + 1] === 'start');
        if (at >= 0) out.push(readStart(script, argv.slice(at + 2), root, resolver));
      }
    }
    return out;
  });
}

function readStart(script: string, args: readonly string[], root: string, resolver: Resolver): FastifyStart {
  const preloads: string[] = [];
  let app: string | undefined;
  const file = (spec: string) => resolver.resolveFile(resolve(root, spec));
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    // what follows `--` goes to the app as options (fastify-cli 8.0.0 `args.js:58`)
    if (a === '--') break;
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      const name = a.replace(/^--?/, '').slice(0, eq < 0 ? undefined : eq - (a.startsWith('--') ? 2 : 1));
      const value = eq >= 0 ? a.slice(eq + 1) : VALUE_FLAGS.has(name) ? args[++i] : undefined;
      const found = value !== undefined && PRELOAD_FLAGS.has(name) ? file(value) : undefined;
      if (found) preloads.push(found);
      continue;
    }
    app ??= file(a);
  }
  return { script, preloads, app };
}

/** The project's fastify-cli (installed, locked, or a declared range starting there) closes the app on signals. */
export function fastifyCliClosesOnSignals(filename: string): boolean {
  return hasVersionAtLeast(filename, 'fastify-cli', CLOSES_ON_SIGNALS_SINCE) === true;
}

