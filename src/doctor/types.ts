// Shapes shared by the doctor's passes: project scan → entrypoints → import graph → findings → report.
import type { GlobalSlot } from '../otel/types';

/** A place in a project file, relative to the doctor's root (forward slashes), 1-based line and column. */
export interface Location {
  readonly file: string;
  readonly line: number;
  /** 1-based; absent where only the line is known (a script in package.json, a Dockerfile instruction). */
  readonly column?: number;
}

/** Something a process loads before its main module (`--require`, `--import`, `NODE_OPTIONS`). */
export interface Preload {
  /** As written: a package specifier or a path. */
  readonly specifier: string;
  /** Absolute path when the preload is a project file. */
  readonly file: string | undefined;
  /** Where the preload is configured (a script in package.json, a Dockerfile line). */
  readonly origin: Location;
  readonly via: string;
}

export type ProcessKind = 'script' | 'main' | 'bin' | 'exports' | 'nextjs' | 'dockerfile' | 'nodemon' | 'python';

/** One Node.js process the project starts: its modules share one OpenTelemetry registry. */
export interface ProcessEntry {
  /** Short human name: `npm run dev (packages/api)`, `Dockerfile CMD`. */
  readonly name: string;
  readonly kind: ProcessKind;
  /** Package directory (absolute) the process belongs to. */
  readonly packageDir: string;
  /** Absolute paths of the modules the process starts from. */
  readonly entries: readonly string[];
  readonly preloads: readonly Preload[];
  /** Where the process is declared. */
  readonly origins: readonly Location[];
  /** Why this process is a dev process (restarted by a watcher), or undefined. */
  readonly devReason: string | undefined;
  /** Entry specifiers that did not resolve to a file. */
  readonly unresolved: readonly string[];
}

/** A registration of process-global OpenTelemetry state, found in one file. */
export interface Registration {
  readonly location: Location;
  readonly label: string;
  readonly globals: readonly GlobalSlot[];
  readonly module: string;
  /** The process-wide slot guarding it (`global[sym:app.otel.sdk]`), if any: registrations behind one slot run once. */
  readonly guard: string | undefined;
}

export type Severity = 'error' | 'warning' | 'info';

export type FindingCode =
  | 'duplicate-registration'
  | 'preload-and-code-sdk'
  | 'duplicate-api-copies'
  | 'mismatched-api-copy'
  | 'mixed-sdk-generations'
  | 'dev-entrypoint'
  | 'unresolved-entrypoint'
  | 'unreadable-file'
  /** otel-safe's own analysis threw on the file (a bug): the file's registrations are missing from the report. */
  | 'analysis-failed'
  /** A Python check's finding on a file a Python process runs (src/python/doctor.ts); the message names the rule. */
  | 'python';

/** A whole-project finding (unlike the per-file `Finding` of src/core, it can span files). */
export interface DoctorFinding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  /** The places involved, first the one to look at. */
  readonly locations: readonly Location[];
  /** The process this finding belongs to (index into report.processes); undefined for project-wide findings. */
  readonly process: number | undefined;
  /** For a per-file check's finding (code `python`): its rule, e.g. `python/no-provider-override`. */
  readonly rule?: string;
}

export interface ProcessReport {
  readonly name: string;
  readonly kind: ProcessKind;
  readonly package: string;
  readonly origins: readonly Location[];
  readonly entries: readonly string[];
  readonly preloads: readonly { specifier: string; file: string | undefined; origin: Location; via: string }[];
  readonly dev: string | undefined;
  /** Files reached from the entries (relative), with OpenTelemetry registrations. */
  readonly files: number;
  readonly registrations: readonly (Registration & { chain: readonly string[] })[];
}

export interface ApiCopy {
  /** Directory of the copy relative to the root (`node_modules/@opentelemetry/api`), or the lockfile key. */
  readonly path: string;
  readonly version: string;
  readonly source: 'installed' | 'lockfile';
}

export interface DoctorReport {
  readonly root: string;
  readonly processes: readonly ProcessReport[];
  readonly apiCopies: readonly ApiCopy[];
  /** SDK generation → packages (name@version) seen in the installed tree or lockfile. */
  readonly sdkGenerations: Readonly<Record<string, readonly string[]>>;
  readonly findings: readonly DoctorFinding[];
  readonly stats: { readonly filesScanned: number; readonly filesParsed: number; readonly durationMs: number };
}
