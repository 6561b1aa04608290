import { parseCliArgs, UsageError, type CliArgs } from './args';
import { commands } from './commands';
import { selectFiles, type FileTarget } from './files';
import type { CliIo } from './io';
import { processFile, processFileOrDefer, type FileJob, type FileResult, type ProcessOptions } from './process-file';
import { SettingsResolver } from './settings';
import { SettingsError } from '../core/settings';
import { forgetSkippedSpecialFiles, skippedSpecialFiles } from '../project/files';
import { writeSpecialFilesNote } from './notes';
import { createProgress } from './progress';
import { describeTransforms, entryFor, findTransform, loadRegistry, type Registry, type TransformCommand } from './registry';
import { exitCodeOf, formatJson, formatTransformList, writeHumanReport, type RunReport } from './report';
import { HELP, VERSION } from './usage';
import { processInWorkers, type WorkerPlan } from './workers';
import type { TransformEntry } from '../codemod/types';
import { firstGate, isDecided, optionsCache, secondGate } from './triage';

export type { CliIo, TextSink } from './io';
export type { Registry } from './registry';

/** Each worker loads the transforms (and jscodeshift) itself; below this many files per worker that costs more than it saves. */
const MIN_FILES_PER_WORKER = 50;

/**
 * Runs `otel-codemod` with `argv` (without `node` and the script) and returns the exit
 * code. `registry` defaults to the shipped transforms; tests inject their own.
 */
export async function runCli(argv: readonly string[], io: CliIo, registry?: Registry): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message);
    throw error;
  }
  if (args.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (args.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (args.command === undefined) return usageError(io, 'missing command: a transform name, or list');

  const transforms = registry ?? (await loadRegistry());
  const builtin = Object.hasOwn(commands, args.command) ? commands[args.command] : undefined;
  if (builtin) return builtin({ args, io, registry: transforms });

  const command = findTransform(transforms, args.command);
  if (!command) {
    io.stderr.write(
      `otel-codemod: unknown transform '${args.command}'. Available transforms:\n\n` +
        formatTransformList(describeTransforms(transforms)),
    );
    return 2;
  }
  if (args.paths.length === 0) return usageError(io, `no paths given: otel-codemod ${args.command} <paths...>`);
  return runTransform(args.command, command, args, io, transforms);
}

async function runTransform(name: string, command: TransformCommand, args: CliArgs, io: CliIo, registry: Registry): Promise<number> {
  const started = performance.now();
  forgetSkippedSpecialFiles(); // the note names the special files this run met
  let settings: SettingsResolver;
  try {
    settings = await SettingsResolver.create({ cwd: io.cwd, settingsFile: args.settingsFile, warn: (m) => io.stderr.write(`${m}\n`) });
  } catch (error) {
    if (error instanceof SettingsError) return settingsError(io, error);
    throw error;
  }
  const workerSpecialFiles = new Set<string>();
  const selection = selectFiles(args.paths, { cwd: io.cwd, extensions: args.extensions, ignore: args.ignore });
  settings.useListings(selection.packageJsons);
  const options: ProcessOptions = {
    dry: args.dry || args.check,
    diff: args.diff,
    strict: args.strict,
    // settings: each file's own (FileJob.settings); `cwd`: project globs fall back to it for a file with no package.json.
    // `to`: migrate-sdk's --to (the transform reads options.to; it wins over settings.sdkGeneration)
    transformOptions: { settings: {}, cwd: io.cwd, ...(args.to !== undefined ? { to: args.to } : {}) },
  };

  const progress = createProgress(io.stderr, io.isTTY && !args.quiet, `otel-codemod ${name}`, selection.targets.length);
  let processed: FileResult[];
  try {
    processed = await processTargets(selection.targets, {
      name,
      command,
      options,
      settings,
      jobs: args.jobs,
      workerScript: io.workerScript,
      onProgress: (done) => progress.update(done),
      specialFiles: workerSpecialFiles,
    });
  } catch (error) {
    if (error instanceof SettingsError) return settingsError(io, error);
    throw error;
  } finally {
    progress.clear();
  }

  const report: RunReport = {
    transform: name,
    dry: options.dry,
    check: args.check,
    strict: args.strict,
    files: mergeByPath([
      processed,
      selection.skipped.map(({ displayPath, reason }) => ({ path: displayPath, status: 'skipped', reason })),
      selection.errors.map(({ displayPath, reason }) => ({ path: displayPath, status: 'error', error: reason })),
    ]),
    durationMs: performance.now() - started,
  };
  await writeRunReport(report, args, io, registry);
  writeSpecialFilesNote(io, [...skippedSpecialFiles(), ...workerSpecialFiles]);
  return exitCodeOf(report);
}

/** `--format`: the human report (stylish), or one machine-readable document on stdout. */
async function writeRunReport(report: RunReport, args: CliArgs, io: CliIo, registry: Registry): Promise<void> {
  if (args.format === 'stylish') {
    writeHumanReport(report, io, { quiet: args.quiet, verbose: args.verbose, givenPaths: args.paths });
    return;
  }
  // stderr still names the failures, for whoever reads the log rather than the document.
  for (const file of report.files) if (file.status === 'error') io.stderr.write(`error: ${file.path}: ${file.error}\n`);
  if (args.format === 'json') {
    io.stdout.write(formatJson(report));
    return;
  }
  const mode = report.check ? ' --check' : report.dry ? ' --dry' : '';
  // loaded only for these formats: the problem report names every rule, which loads them all
  const [{ transformProblemReport }, { formatSarif }, { formatGithub }] = await Promise.all([import('./problems/transform'), import('./format/sarif'), import('./format/github')]);
  const problems = transformProblemReport(report, { cwd: io.cwd, command: `otel-codemod ${report.transform}${mode}`, registry });
  io.stdout.write(args.format === 'sarif' ? formatSarif(problems, { name: 'otel-codemod', version: VERSION }) : formatGithub(problems));
}

/**
 * Files over this many characters are never analysed by two threads at once: each holds an
 * AST many times its size (bench/README.md: two 850 KB files parsed together pushed the peak
 * RSS past 300 MB). With workers, they run one after another in this thread once the workers are gone.
 */
const LARGE_FILE_CHARS = 512 * 1024;

/** What `processTargets` runs with. */
interface TargetRun {
  readonly name: string;
  readonly command: TransformCommand;
  readonly options: ProcessOptions;
  readonly settings: SettingsResolver;
  readonly jobs: number;
  readonly workerScript: string | undefined;
  readonly onProgress: (done: number) => void;
  readonly specialFiles: Set<string>;
}

/**
 * Reads each file in this thread and runs the transform's text gate on it (a file that fails
 * it is `skipped`, as the transform would have said); worker threads from the bundle get the
 * files that pass when there are enough of them, else this thread processes them one by one.
 */
async function processTargets(targets: readonly FileTarget[], run: TargetRun): Promise<FileResult[]> {
  const { name, command, options, settings, jobs, workerScript, onProgress, specialFiles } = run;
  const results: FileResult[] = [];
  let done = 0;
  const progress = (n: number): void => {
    done += n;
    onProgress(done);
  };
  // the text is not kept (files that pass are read again where they are processed): only its length
  const pending: { target: FileJob; chars: number }[] = [];
  const used = new Set<TransformEntry>();
  const withSettings = optionsCache(options.transformOptions);
  for (const target of targets) {
    const entry = entryFor(command, target.path);
    // no promise per file when the folder's settings are already known (most folders, most runs)
    const folder = entry?.textGate ? (settings.forGroupNow(target.path) ?? (await settings.forGroup(target.path))) : undefined;
    const triage = firstGate(target, command, entry, () => withSettings(folder!));
    if (isDecided(triage)) {
      results.push(triage);
      progress(1);
      continue;
    }
    const fileSettings = settings.forFileNow(target.path) ?? (await settings.forFile(target.path));
    const unchanged = secondGate(target, triage, withSettings(fileSettings));
    if (unchanged) {
      // what the transform would say, without its parse: nothing to fix, nothing left
      results.push(unchanged);
      progress(1);
      continue;
    }
    pending.push({ target: { ...target, settings: fileSettings }, chars: triage.chars });
    used.add(triage.entry);
  }
  // languages that load a parser first (Python's wasm): only those of files that passed the gate,
  // in this thread (workers load their own for the files they get)
  await Promise.all([...used].map((e) => e.init?.()));
  const plan = (workers: number, base: number): WorkerPlan => ({
    script: workerScript!,
    workers,
    transformName: name,
    options,
    onProgress: (n) => onProgress(base + n),
    onSpecialFiles: (paths) => paths.forEach((p) => specialFiles.add(p)),
  });
  // Files that overflow this thread's stack (nested deeper than its parser can follow here) run
  // again in a worker, whose stack is the one every file gets: results never depend on --jobs.
  const deferred: FileJob[] = [];
  const inThisThread = (list: typeof pending): void => {
    for (const { target } of list) {
      const result = workerScript === undefined ? processFile(target, command, options) : processFileOrDefer(target, command, options);
      if (result) {
        results.push(result);
        progress(1);
      } else deferred.push(target);
    }
  };
  const workers = pending.length > MIN_FILES_PER_WORKER ? Math.min(jobs, Math.ceil(pending.length / MIN_FILES_PER_WORKER)) : 1;
  if (workerScript === undefined || workers <= 1) {
    inThisThread(pending);
  } else {
    const large = pending.filter((p) => p.chars > LARGE_FILE_CHARS);
    const rest = pending.filter((p) => p.chars <= LARGE_FILE_CHARS);
    const base = done;
    results.push(...(await processInWorkers(rest.map((p) => p.target), plan(workers, base))));
    done = base + rest.length;
    inThisThread(large);
  }
  if (deferred.length > 0) results.push(...(await processInWorkers(deferred, plan(1, done))));
  return results;
}

/** One entry per path (the first list wins), sorted, so output never depends on scheduling. */
function mergeByPath(lists: readonly (readonly FileResult[])[]): FileResult[] {
  const byPath = new Map<string, FileResult>();
  for (const list of lists) for (const file of list) if (!byPath.has(file.path)) byPath.set(file.path, file);
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function settingsError(io: CliIo, error: SettingsError): number {
  io.stderr.write(`otel-codemod: ${error.message}\n`);
  return 2;
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`otel-codemod: ${message}\nRun 'otel-codemod --help' for usage.\n`);
  return 2;
}
