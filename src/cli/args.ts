import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

/** The file extensions processed when `--extensions` is not given (jscodeshift's default lacks mts/cts). */
export const DEFAULT_EXTENSIONS: readonly string[] = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts', 'py'];

/** Everything the command line asked for, validated. */
export interface CliArgs {
  /** `add-guards`, another transform, `list`, `doctor`; undefined when only flags were given. */
  readonly command: string | undefined;
  /** The positionals after the command: files and directories. */
  readonly paths: readonly string[];
  readonly dry: boolean;
  readonly check: boolean;
  readonly diff: boolean;
  /** `--format`; `--json` is `--format json`. */
  readonly format: OutputFormat;
  /** `format === 'json'` (kept for callers that only ask "JSON or not"). */
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly help: boolean;
  readonly version: boolean;
  /** Lower-case, without dots. */
  readonly extensions: ReadonlySet<string>;
  /** gitignore-syntax patterns, relative to the current directory. */
  readonly ignore: readonly string[];
  /** At least 1. */
  readonly jobs: number;
  /** `--to 2|3`: the SDK generation `migrate-sdk` moves to (passed to transforms as `options.to`). */
  readonly to?: 2 | 3;
  /** `--settings FILE`: settings['otel-safe'] for every file, instead of the ESLint config / package.json. */
  readonly settingsFile?: string;
}

/** The reporters (src/cli/format): `stylish` is the human report. */
export const OUTPUT_FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A command line that cannot be run: exit code 2 with this message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const OPTIONS = {
  dry: { type: 'boolean' },
  check: { type: 'boolean' },
  diff: { type: 'boolean' },
  json: { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  extensions: { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  jobs: { type: 'string', short: 'j' },
  // migrate-sdk's target generation
  to: { type: 'string' },
  settings: { type: 'string' },
} as const;

/** Parses argv (without `node` and the script); throws `UsageError` for anything malformed. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' messages already name the flag ("Unknown option '--dyr'", "Option '--jobs <value>' argument missing").
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, ...paths] = positionals;
  const format = parseFormat(values.format, values.json === true);
  return {
    command,
    paths,
    dry: values.dry === true,
    check: values.check === true,
    diff: values.diff === true,
    format,
    json: format === 'json',
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    help: values.help === true,
    version: values.version === true,
    extensions: parseExtensions(values.extensions),
    ignore: parseIgnore(values.ignore),
    jobs: parseJobs(values.jobs),
    ...parseTo(values.help === true ? undefined : command, values.to),
    ...parseSettingsFile(values.settings),
  };
}

/** `--format NAME`, with `--json` as its alias; the two may only agree. */
function parseFormat(raw: string | undefined, json: boolean): OutputFormat {
  if (raw === undefined) return json ? 'json' : 'stylish';
  const name = raw.trim().toLowerCase();
  if (!(OUTPUT_FORMATS as readonly string[]).includes(name)) {
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got '${raw}'`);
  }
  if (json && name !== 'json') throw new UsageError(`--json is --format json; it cannot be combined with --format ${name}`);
  return name as OutputFormat;
}

/** `--to 2|3` (migrate-sdk): required by migrate-sdk (unless `--help`); any other value is a usage error. */
function parseTo(command: string | undefined, raw: string | undefined): { to?: 2 | 3 } {
  if (raw === undefined) {
    if (command === 'migrate-sdk') throw new UsageError('migrate-sdk needs the target SDK generation: --to 2 or --to 3');
    return {};
  }
  if (raw.trim() !== '2' && raw.trim() !== '3') throw new UsageError(`--to must be 2 or 3 (the SDK generation to migrate to), got '${raw}'`);
  return { to: Number(raw.trim()) as 2 | 3 };
}

function parseSettingsFile(raw: string | undefined): { settingsFile?: string } {
  if (raw === undefined) return {};
  if (raw.trim() === '') throw new UsageError('--settings needs a file: --settings otel-safe.json');
  return { settingsFile: raw };
}

/** `--extensions ts,tsx --extensions=.mts` → {ts, tsx, mts}. */
function parseExtensions(raw: readonly string[] | undefined): ReadonlySet<string> {
  if (raw === undefined) return new Set(DEFAULT_EXTENSIONS);
  const names = raw
    .flatMap((value) => value.split(','))
    .map((name) => name.trim().replace(/^\./, '').toLowerCase())
    .filter((name) => name !== '');
  if (names.length === 0) throw new UsageError('--extensions needs at least one extension, e.g. --extensions=ts,tsx');
  const bad = names.find((name) => !/^[a-z0-9]+$/.test(name));
  if (bad !== undefined) throw new UsageError(`--extensions: '${bad}' is not a file extension (letters and digits only)`);
  return new Set(names);
}

function parseIgnore(raw: readonly string[] | undefined): readonly string[] {
  const patterns = raw ?? [];
  if (patterns.some((pattern) => pattern.trim() === '')) throw new UsageError('--ignore needs a non-empty pattern');
  return patterns;
}

function parseJobs(raw: string | undefined): number {
  if (raw === undefined) return availableParallelism();
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) {
    throw new UsageError(`--jobs must be a whole number of at least 1, got '${raw}'`);
  }
  return Number(raw);
}
