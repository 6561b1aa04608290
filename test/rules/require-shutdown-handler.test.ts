import { join } from 'node:path';
import rule from '../../rules/require-shutdown-handler';
import { createRuleTester } from '../support/rule-tester';

const ruleTester = createRuleTester();
/** A file inside one of the small fixture projects (their package.json / nodemon.json are read). */
const p = (rel: string) => join(__dirname, '..', 'fixtures', 'projects', rel);

const nodeSdk = `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
`;

ruleTester.run('require-shutdown-handler', rule, {
  valid: [
    // no OpenTelemetry, and a file that only uses the API
    `process.on('SIGTERM', () => process.exit(0));`,
    `
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('cart');
export const add = () => tracer.startActiveSpan('add', (span) => span.end());
    `,
    // instrumentations only: not a registering file
    `
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
registerInstrumentations({ instrumentations: [] });
    `,
    // browser files need no process handlers
    {
      code: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
const provider = new WebTracerProvider();
provider.register();
      `,
      filename: 'web.ts',
    },
    // shutdown(...).finally(exit) through a named function
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({});
sdk.start();
function onSignal(signal) {
  sdk.shutdown().then(() => console.log('flushed')).catch(console.error).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
}
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);
    `,
    // an async helper that awaits the shutdown, reached from arrow handlers
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({});
sdk.start();
const stop = async (code: number) => {
  await sdk.shutdown();
  process.exit(code);
};
process.on('SIGTERM', () => void stop(143));
process.on('SIGINT', () => void stop(130));
      `,
      filename: 'otel.ts',
    },
    // a signal array with for…of, process.once and re-raise
    {
      code: `
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
const provider = new NodeTracerProvider();
provider.register();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await provider.shutdown();
    process.kill(process.pid, signal);
  });
}
      `,
      filename: 'telemetry.mjs',
    },
    // forEach over a const array, handler factory
    `${nodeSdk}
const SIGNALS = ['SIGTERM', 'SIGINT'];
const exitOn = (code) => () => sdk.shutdown().finally(() => process.exit(code));
SIGNALS.forEach((s) => process.on(s, exitOn(s === 'SIGINT' ? 130 : 143)));
    `,
    // awaited shutdown before the exit, try/finally
    `${nodeSdk}
async function stop(code) {
  try {
    await Promise.race([sdk.shutdown(), new Promise((r) => setTimeout(r, 3000))]);
  } finally {
    process.exit(code);
  }
}
process.once('SIGTERM', () => stop(143));
process.once('SIGINT', () => stop(130));
    `,
    // a guarded singleton shut down through the exported variable
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
const SLOT = Symbol.for('inventory.otel');
const holder = globalThis as typeof globalThis & { [SLOT]?: NodeSDK };
export const sdk = (holder[SLOT] ??= (() => {
  const created = new NodeSDK({});
  created.start();
  return created;
})());
const stop = async (code: number) => {
  await sdk.shutdown();
  process.exit(code);
};
process.once('SIGTERM', () => void stop(143));
process.once('SIGINT', () => void stop(130));
      `,
      filename: 'tracing.ts',
    },
    // a script that shuts down explicitly when its work is done
    `${nodeSdk}
main().finally(() => sdk.shutdown());
    `,
    // beforeExit only (a CLI script)
    `${nodeSdk}
process.once('beforeExit', () => sdk.shutdown());
    `,
    // preloads and vendors that install their own handlers
    `require('@opentelemetry/auto-instrumentations-node/register');`,
    `import '@opentelemetry/auto-instrumentations-node/register';`,
    `
const { startNodeSDK } = require('@elastic/opentelemetry-node/sdk');
const sdk = startNodeSDK({});
    `,
    // a vendor setup that hands back nothing to shut down
    `
const Sentry = require('@sentry/node');
Sentry.init({ dsn: process.env.SENTRY_DSN });
    `,
    // nodemon project that flushes and re-raises SIGUSR2
    {
      code: `${nodeSdk}
const exitOn = (code) => () => sdk.shutdown().finally(() => process.exit(code));
process.on('SIGTERM', exitOn(143));
process.on('SIGINT', exitOn(130));
process.once('SIGUSR2', () => {
  sdk.shutdown().finally(() => process.kill(process.pid, 'SIGUSR2'));
});
      `,
      filename: p('lifecycle-nodemon-app/src/otel.js'),
    },
    // nodemon configured to restart with SIGTERM: SIGTERM/SIGINT are enough
    {
      code: `${nodeSdk}
const stop = (code) => sdk.shutdown().finally(() => process.exit(code));
process.on('SIGTERM', () => stop(143));
process.on('SIGINT', () => stop(130));
      `,
      filename: p('lifecycle-nodemon-signal/src/otel.js'),
    },
    // option nodemon: false
    {
      code: `${nodeSdk}
const stop = (code) => sdk.shutdown().finally(() => process.exit(code));
process.on('SIGTERM', () => stop(143));
process.on('SIGINT', () => stop(130));
      `,
      filename: p('lifecycle-nodemon-app/src/otel.js'),
      options: [{ nodemon: false }],
    },
    // option requireSigint: false
    {
      code: `${nodeSdk}
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
      `,
      options: [{ requireSigint: false }],
    },
    // a malformed package.json is treated as absent
    {
      code: `${nodeSdk}
const stop = (code) => sdk.shutdown().finally(() => process.exit(code));
process.on('SIGTERM', () => stop(143));
process.on('SIGINT', () => stop(130));
      `,
      filename: p('lifecycle-malformed/src/otel.js'),
    },
    // HMR dispose is not a process shutdown path, but browser files are not judged
    {
      code: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
const provider = new WebTracerProvider();
provider.register();
if (module.hot) module.hot.dispose(() => provider.shutdown());
      `,
      filename: 'tracing.js',
    },
    // a handler we cannot see may flush (imported, bound method)
    `${nodeSdk}
const { gracefulShutdown } = require('./lifecycle');
process.on('SIGTERM', gracefulShutdown);
    `,
    // closing the server lets the process end after the flush
    `${nodeSdk}
const server = require('http').createServer().listen(3000);
const stop = async () => {
  await sdk.shutdown();
  server.close();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
    `,
  ],
  invalid: [
    // no shutdown path (CJS)
    {
      code: `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');

const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
provider.register();
`,
      filename: "tracing.js",
      errors: [{ messageId: 'missingShutdown', line: 6, suggestions: [{ messageId: 'addShutdownHandler', output: `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');

const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
provider.register();

// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).
if (!(Symbol.for('otel-safe.shutdown.provider') in globalThis)) {
  Object.defineProperty(globalThis, Symbol.for('otel-safe.shutdown.provider'), { value: true });
  const flushTelemetry = () => {
    let timer;
    // a dead collector cannot hang the exit
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    return Promise.race([provider.shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  };
  process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));
  process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));
  process.once('beforeExit', () => void flushTelemetry());
}
` }] }],
    },
    // no shutdown path (ESM, TS: typed helper)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';

export const sdk = new NodeSDK({});
sdk.start();
`,
      filename: "otel.ts",
      errors: [{ messageId: 'missingShutdown', line: 4, suggestions: [{ messageId: 'addShutdownHandler', output: `import { NodeSDK } from '@opentelemetry/sdk-node';

export const sdk = new NodeSDK({});
sdk.start();

// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).
if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {
  Object.defineProperty(globalThis, Symbol.for('otel-safe.shutdown.sdk'), { value: true });
  const flushTelemetry = (): Promise<unknown> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a dead collector cannot hang the exit
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    return Promise.race([sdk.shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  };
  process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));
  process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));
  process.once('beforeExit', () => void flushTelemetry());
}
` }] }],
    },
    // startNodeSdk handle
    {
      code: `import { startNodeSdk } from '@opentelemetry/sdk-node';

const otel = startNodeSdk({ serviceName: 'api' });
console.log('started');
`,
      filename: "otel.mjs",
      errors: [{ messageId: 'missingShutdown', line: 3, suggestions: [{ messageId: 'addShutdownHandler', output: `import { startNodeSdk } from '@opentelemetry/sdk-node';

const otel = startNodeSdk({ serviceName: 'api' });

// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).
if (!(Symbol.for('otel-safe.shutdown.otel') in globalThis)) {
  Object.defineProperty(globalThis, Symbol.for('otel-safe.shutdown.otel'), { value: true });
  const flushTelemetry = () => {
    let timer;
    // a dead collector cannot hang the exit
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    return Promise.race([otel.shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  };
  process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));
  process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));
  process.once('beforeExit', () => void flushTelemetry());
}
console.log('started');
` }] }],
    },
    // registration inside an exported init, variable assigned there (optional call)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;
export function initTelemetry() {
  sdk = new NodeSDK({});
  sdk.start();
}
`,
      filename: "init.ts",
      errors: [{ messageId: 'missingShutdown', line: 6, suggestions: [{ messageId: 'addShutdownHandler', output: `import { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;
export function initTelemetry() {
  sdk = new NodeSDK({});
  sdk.start();
}

// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).
if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {
  Object.defineProperty(globalThis, Symbol.for('otel-safe.shutdown.sdk'), { value: true });
  const flushTelemetry = (): Promise<unknown> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a dead collector cannot hang the exit
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    return Promise.race([sdk?.shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  };
  process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));
  process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));
  process.once('beforeExit', () => void flushTelemetry());
}
` }] }],
    },
    // nodemon project: the handlers include its restart signal
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');

const sdk = new NodeSDK({});
sdk.start();
`,
      filename: p('lifecycle-nodemon-app/src/otel.js'),
      errors: [{ messageId: 'missingShutdown', line: 4, suggestions: [{ messageId: 'addShutdownHandler', output: `const { NodeSDK } = require('@opentelemetry/sdk-node');

const sdk = new NodeSDK({});
sdk.start();

// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).
if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {
  Object.defineProperty(globalThis, Symbol.for('otel-safe.shutdown.sdk'), { value: true });
  const flushTelemetry = () => {
    let timer;
    // a dead collector cannot hang the exit
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    return Promise.race([sdk.shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  };
  process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));
  process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));
  let restarting = false;
  const onRestart = () => {
    if (restarting) return;
    restarting = true;
    void flushTelemetry().finally(() => {
      process.removeListener('SIGUSR2', onRestart);
      process.kill(process.pid, 'SIGUSR2');
    });
  };
  process.on('SIGUSR2', onRestart);
  process.once('beforeExit', () => void flushTelemetry());
}
` }] }],
    },
    // no variable to shut down: report only
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
new NodeSDK({}).start();
`,
      filename: "inline.js",
      errors: [{ messageId: 'missingShutdown', line: 2, suggestions: [] }],
    },
    // EDOT with its handlers switched off
    {
      code: `const { startNodeSDK } = require('@elastic/opentelemetry-node/sdk');
const sdk = startNodeSDK({ elasticSetupShutdownHandlers: false });
`,
      filename: "edot.js",
      errors: [{ messageId: 'missingShutdown', line: 2, suggestions: [{ messageId: 'addShutdownHandler', output: `const { startNodeSDK } = require('@elastic/opentelemetry-node/sdk');
const sdk = startNodeSDK({ elasticSetupShutdownHandlers: false });

// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).
if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {
  Object.defineProperty(globalThis, Symbol.for('otel-safe.shutdown.sdk'), { value: true });
  const flushTelemetry = () => {
    let timer;
    // a dead collector cannot hang the exit
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    return Promise.race([sdk.shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  };
  process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));
  process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));
  process.once('beforeExit', () => void flushTelemetry());
}
` }] }],
    },
    // api registration of a provider
    {
      code: `import { trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

const provider = new BasicTracerProvider();
trace.setGlobalTracerProvider(provider);
`,
      filename: "api.ts",
      errors: [{ messageId: 'missingShutdown', line: 5, suggestions: [{ messageId: 'addShutdownHandler', output: `import { trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

const provider = new BasicTracerProvider();
trace.setGlobalTracerProvider(provider);

// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).
if (!(Symbol.for('otel-safe.shutdown.provider') in globalThis)) {
  Object.defineProperty(globalThis, Symbol.for('otel-safe.shutdown.provider'), { value: true });
  const flushTelemetry = (): Promise<unknown> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a dead collector cannot hang the exit
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    return Promise.race([provider.shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  };
  process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));
  process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));
  process.once('beforeExit', () => void flushTelemetry());
}
` }] }],
    },
    // exit before the flush settles
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

process.on('SIGTERM', () => {
  sdk.shutdown();
  process.exit(0);
});
process.on('SIGINT', async () => {
  void sdk.shutdown();
  process.exit(130);
});
`,
      filename: "exit.js",
      errors: [{ messageId: 'exitBeforeFlush', line: 7, suggestions: [{ messageId: 'awaitShutdownBeforeExit', output: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

process.on('SIGTERM', () => {
  void Promise.race([sdk.shutdown(), new Promise((resolve) => setTimeout(resolve, 3000))]).finally(() => process.exit(0));
});
process.on('SIGINT', async () => {
  void sdk.shutdown();
  process.exit(130);
});
` }] }, { messageId: 'exitBeforeFlush', line: 11, suggestions: [{ messageId: 'awaitShutdownBeforeExit', output: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

process.on('SIGTERM', () => {
  sdk.shutdown();
  process.exit(0);
});
process.on('SIGINT', async () => {
  void Promise.race([sdk.shutdown(), new Promise((resolve) => setTimeout(resolve, 3000))]).finally(() => process.exit(130));
});
` }] }],
    },
    // handlers that never exit
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({});
sdk.start();

process.on('SIGTERM', () => {
  void sdk.shutdown();
});
process.on('SIGINT', () => sdk.shutdown());
`,
      filename: "never.ts",
      errors: [{ messageId: 'handlerNeverExits', line: 6, suggestions: [{ messageId: 'exitAfterShutdown', output: `import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({});
sdk.start();

process.on('SIGTERM', () => {
  void Promise.race([sdk.shutdown(), new Promise((resolve) => setTimeout(resolve, 3000))]).finally(() => process.exit(143));
});
process.on('SIGINT', () => sdk.shutdown());
` }] }, { messageId: 'handlerNeverExits', line: 9, suggestions: [{ messageId: 'exitAfterShutdown', output: `import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({});
sdk.start();

process.on('SIGTERM', () => {
  void sdk.shutdown();
});
process.on('SIGINT', () => {
  void Promise.race([sdk.shutdown(), new Promise((resolve) => setTimeout(resolve, 3000))]).finally(() => process.exit(130));
});
` }] }],
    },
    // never exits, through a signal array (no single exit code: report only)
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
['SIGTERM', 'SIGINT'].forEach((signal) => process.on(signal, () => sdk.shutdown()));
`,
      filename: "loop.js",
      errors: [{ messageId: 'handlerNeverExits', line: 4, suggestions: [] }],
    },
    // SIGTERM without SIGINT
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({});
sdk.start();
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
`,
      filename: "sigterm.mjs",
      errors: [{ messageId: 'missingSigint', line: 5, suggestions: [{ messageId: 'addSigintHandler', output: `import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({});
sdk.start();

// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).
if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {
  Object.defineProperty(globalThis, Symbol.for('otel-safe.shutdown.sdk'), { value: true });
  const flushTelemetry = () => {
    let timer;
    // a dead collector cannot hang the exit
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    return Promise.race([sdk.shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  };
  process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));
}
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
` }] }],
    },
    // nodemon project without a SIGUSR2 flush
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

const stop = (code) => sdk.shutdown().finally(() => process.exit(code));
process.on('SIGTERM', () => stop(143));
process.on('SIGINT', () => stop(130));
`,
      filename: p('lifecycle-nodemon-app/src/index.js'),
      errors: [{ messageId: 'missingNodemonRestart', line: 6, suggestions: [{ messageId: 'addNodemonHandler', output: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).
if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {
  Object.defineProperty(globalThis, Symbol.for('otel-safe.shutdown.sdk'), { value: true });
  const flushTelemetry = () => {
    let timer;
    // a dead collector cannot hang the exit
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    return Promise.race([sdk.shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  };
  let restarting = false;
  const onRestart = () => {
    if (restarting) return;
    restarting = true;
    void flushTelemetry().finally(() => {
      process.removeListener('SIGUSR2', onRestart);
      process.kill(process.pid, 'SIGUSR2');
    });
  };
  process.on('SIGUSR2', onRestart);
}

const stop = (code) => sdk.shutdown().finally(() => process.exit(code));
process.on('SIGTERM', () => stop(143));
process.on('SIGINT', () => stop(130));
` }] }],
    },
    // nodemon.json project: SIGTERM only
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
`,
      filename: p('lifecycle-nodemon-json/src/otel.js'),
      errors: [{ messageId: 'missingSigint', line: 4, suggestions: [{ messageId: 'addSigintHandler', output: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).
if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {
  Object.defineProperty(globalThis, Symbol.for('otel-safe.shutdown.sdk'), { value: true });
  const flushTelemetry = () => {
    let timer;
    // a dead collector cannot hang the exit
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    return Promise.race([sdk.shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  };
  process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));
  let restarting = false;
  const onRestart = () => {
    if (restarting) return;
    restarting = true;
    void flushTelemetry().finally(() => {
      process.removeListener('SIGUSR2', onRestart);
      process.kill(process.pid, 'SIGUSR2');
    });
  };
  process.on('SIGUSR2', onRestart);
}
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
` }] }, { messageId: 'missingNodemonRestart', line: 4, suggestions: [{ messageId: 'addNodemonHandler', output: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).
if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {
  Object.defineProperty(globalThis, Symbol.for('otel-safe.shutdown.sdk'), { value: true });
  const flushTelemetry = () => {
    let timer;
    // a dead collector cannot hang the exit
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    return Promise.race([sdk.shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  };
  process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));
  let restarting = false;
  const onRestart = () => {
    if (restarting) return;
    restarting = true;
    void flushTelemetry().finally(() => {
      process.removeListener('SIGUSR2', onRestart);
      process.kill(process.pid, 'SIGUSR2');
    });
  };
  process.on('SIGUSR2', onRestart);
}
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
` }] }],
    },
    // an HMR dispose or an 'exit' listener is no shutdown path
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
if (module.hot) module.hot.dispose(() => sdk.shutdown());
process.on('exit', async () => {
  await sdk.shutdown();
});
`,
      filename: "server.js",
      errors: [{ messageId: 'missingShutdown', line: 3, suggestions: [{ messageId: 'addShutdownHandler', output: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

// Flush telemetry before the process ends (otel-safe: add-shutdown-handler).
if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {
  Object.defineProperty(globalThis, Symbol.for('otel-safe.shutdown.sdk'), { value: true });
  const flushTelemetry = () => {
    let timer;
    // a dead collector cannot hang the exit
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    return Promise.race([sdk.shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  };
  process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));
  process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));
  process.once('beforeExit', () => void flushTelemetry());
}
if (module.hot) module.hot.dispose(() => sdk.shutdown());
process.on('exit', async () => {
  await sdk.shutdown();
});
` }] }],
    },

  ],
});
