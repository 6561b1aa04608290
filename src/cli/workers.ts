import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { skippedSpecialFiles } from '../project/files';
import { processFile, type FileJob, type FileResult, type ProcessOptions } from './process-file';
import { entryFor, findTransform, type Registry } from './registry';

/** Marks `workerData`, so the bundle run as a worker by someone else's tool does not serve files. */
const WORKER_KIND = 'otel-codemod/worker';

/**
 * Every worker's stack, in MB: the one limit that decides how deeply nested a file the parser
 * can follow. The main thread's stack is smaller and cannot be set, so a file that overflows it
 * runs again in a worker (src/cli/run.ts): every file gets this limit, whatever `--jobs` and
 * whichever thread met it first. 64 MB (Node's default is 4) puts the limit far beyond what
 * ESLint parses on its main thread (bench/README.md "Depth limits"): Babel follows ~49,000
 * nested blocks or ~11,000 nested arrow functions here even before its code is optimized, so
 * the band where a cold parser fails and a warm one succeeds lies far beyond real files. The
 * stack is reserved, not used: only a deep parse touches it.
 */
export const WORKER_STACK_MB = 64;

/** What a worker sends back per batch. */
interface BatchReply {
  readonly results: readonly FileResult[];
  /** FIFOs, sockets and devices the worker met where a project file was expected (so far). */
  readonly specialFiles: readonly string[];
}

interface WorkerSetup {
  readonly kind: typeof WORKER_KIND;
  readonly transformName: string;
  readonly options: ProcessOptions;
}

export interface WorkerPlan {
  /** A CommonJS script whose top level calls `serveWorker` when `isCodemodWorker()` (dist/cli.js). */
  readonly script: string;
  readonly workers: number;
  readonly transformName: string;
  readonly options: ProcessOptions;
  readonly onProgress: (done: number) => void;
  /** Called with the special files each worker met (absolute paths; repeats possible). */
  readonly onSpecialFiles?: (paths: readonly string[]) => void;
}

/** True inside a worker started by `processInWorkers`. */
export function isCodemodWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerSetup> | null)?.kind === WORKER_KIND;
}

/** Worker side: each worker loads the registry itself (functions cannot be posted), then processes batches of files. */
export function serveWorker(registry: Registry): void {
  const setup = workerData as WorkerSetup;
  const port = parentPort;
  if (!port) throw new Error('serveWorker() must run inside a worker thread');
  const command = findTransform(registry, setup.transformName);
  port.on('message', async (batch: readonly FileJob[]) => {
    // each language's parser is loaded (once) when a file of it arrives: a run with no Python file never loads the wasm
    if (command) await Promise.all(batch.map((target) => entryFor(command, target.path)?.init?.()));
    const results: FileResult[] = batch.map((target) =>
      command
        ? processFile(target, command, setup.options)
        : { path: target.displayPath, status: 'error', error: `transform ${setup.transformName} is not in the worker's registry` },
    );
    const reply: BatchReply = { results, specialFiles: skippedSpecialFiles() };
    port.postMessage(reply);
  });
}

/**
 * Main side: hands out small batches to whichever worker is free, so a few slow files
 * do not leave the other workers idle, and stores results by index, so the order of the
 * results does not depend on which worker finished first. A worker that crashes turns
 * its batch (and, if none survive, the files never handed out) into `error` results.
 */
export function processInWorkers(targets: readonly FileJob[], plan: WorkerPlan): Promise<FileResult[]> {
  const results: (FileResult | undefined)[] = new Array<FileResult | undefined>(targets.length).fill(undefined);
  const batchSize = Math.max(1, Math.min(32, Math.floor(targets.length / (plan.workers * 4))));
  const setup: WorkerSetup = { kind: WORKER_KIND, transformName: plan.transformName, options: plan.options };
  let next = 0;
  let done = 0;
  let running = plan.workers;
  let lastFailure = 'worker thread failed';

  return new Promise((resolve) => {
    const finish = (): void => {
      resolve(
        results.map(
          (result, i) => result ?? { path: targets[i]!.displayPath, status: 'error', error: `not processed: ${lastFailure}` },
        ),
      );
    };

    for (let w = 0; w < plan.workers; w++) {
      const worker = new Worker(plan.script, { workerData: setup, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
      let batch: number[] = [];
      const sendNext = (): void => {
        if (next >= targets.length) {
          batch = [];
          void worker.terminate(); // idle: nothing is lost
          return;
        }
        const end = Math.min(next + batchSize, targets.length);
        batch = [];
        for (let i = next; i < end; i++) batch.push(i);
        next = end;
        worker.postMessage(batch.map((i) => targets[i]));
      };
      worker.on('message', ({ results: batchResults, specialFiles }: BatchReply) => {
        if (specialFiles.length > 0) plan.onSpecialFiles?.(specialFiles);
        batchResults.forEach((result, k) => (results[batch[k]!] = result));
        done += batchResults.length;
        plan.onProgress(done);
        sendNext();
      });
      worker.on('error', (error: Error) => {
        lastFailure = `worker thread failed: ${error.message}`;
        for (const i of batch) results[i] = { path: targets[i]!.displayPath, status: 'error', error: lastFailure };
        batch = [];
      });
      worker.on('exit', () => {
        if (--running === 0) finish();
      });
      sendNext();
    }
  });
}
