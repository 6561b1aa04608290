// Runtime proof behind `handlerNeverExits` under Nest's `enableShutdownHooks()` (holdout7 M3). After its
// hooks Nest removes its own listeners and sends the signal again (@nestjs/core 11.2.12
// `nest-application-context.js:205-214`). A user's flush-only listener that is still subscribed then
// catches that signal too, so Node's default exit does not happen: the process ends only when nothing
// else keeps the event loop alive, and otherwise runs until it is killed. The child below does what
// Nest does there, with a real HTTP server, in a real Node process. A listener that awaits its flush
// and then exits finishes it the same way: no-batch-processor-in-dev counts it under `nest start --watch`.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// the user's flush-only listener (it never exits)
const FLUSH_ONLY = "process.on('SIGTERM', () => process.stdout.write('flush\\n'));";
// a listener that awaits a 300 ms flush, then exits (the dev-restart exemption of no-batch-processor-in-dev, holdout12)
const FLUSH_THEN_EXIT = `let flushing;
process.on('SIGTERM', async () => {
  process.stdout.write('flush\\n');
  flushing ??= new Promise((resolve) => setTimeout(resolve, 300)).then(() => process.stdout.write('flushed\\n'));
  await flushing;
  process.exit(0);
});`;

const child = (keepAlive: boolean, listener = FLUSH_ONLY) => `
const http = require('node:http');
const server = http.createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1', () => process.stdout.write('ready\\n'));
${keepAlive ? 'setInterval(() => {}, 1000);' : ''}
${listener}
// Nest's cleanup: its hooks, then its listener removed and the signal sent again
const cleanup = async () => {
  await new Promise((resolve) => server.close(resolve));
  process.removeListener('SIGTERM', cleanup);
  process.stdout.write('resent\\n');
  process.kill(process.pid, 'SIGTERM');
};
process.on('SIGTERM', cleanup);
`;

interface Outcome {
  readonly output: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Still running 1.5 s after SIGTERM (then killed by the test). */
  readonly lingered: boolean;
}

function run(keepAlive: boolean, listener?: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['-e', child(keepAlive, listener)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let lingered = false;
    let timer: NodeJS.Timeout | undefined;
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output === 'ready\n') {
        proc.kill('SIGTERM');
        timer = setTimeout(() => {
          lingered = true;
          proc.kill('SIGKILL');
        }, 1500);
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ output, code, signal, lingered });
    });
  });
}

describe('a signal sent again after a framework cleanup, with a flush-only listener still subscribed', () => {
  it('is caught by that listener: the process then ends on its own once nothing keeps it alive', async () => {
    const outcome = await run(false);
    // the signal sent again may arrive before or after the loop has drained
    expect(outcome.output).toMatch(/^ready\nflush\nresent\n(flush\n)?$/);
    // not killed by the signal: it ran out of work (exit code 0)
    expect(outcome).toMatchObject({ code: 0, signal: null, lingered: false });
  });

  it('keeps the process running when something else keeps it alive, until it is killed', async () => {
    const outcome = await run(true);
    expect(outcome.output).toBe('ready\nflush\nresent\nflush\n');
    expect(outcome).toMatchObject({ lingered: true, signal: 'SIGKILL' });
  });

  it('lets a listener that awaits its flush finish it before its own exit', async () => {
    const outcome = await run(true, FLUSH_THEN_EXIT);
    // the signal sent again reaches the same listener, which waits for the same flush
    expect(outcome.output).toBe('ready\nflush\nresent\nflush\nflushed\n');
    expect(outcome).toMatchObject({ code: 0, signal: null, lingered: false });
  });
});
