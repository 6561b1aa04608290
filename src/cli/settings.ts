// Where `otel-codemod` and `doctor` read `settings['otel-safe']` from, per file (SPEC §6):
// `--settings FILE` when given; else the user's ESLint configuration for that file, resolved
// by ESLint itself (`calculateConfigForFile`: flat config and eslintrc alike, from the
// ESLint the project has installed); else the nearest package.json's `"otel-safe"` key.
// So the codemods fix exactly what the rules, configured in eslint.config.js, report.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OtelSafeSettings } from '../core/settings';
import { parseSettings, SettingsError } from '../core/settings';
import { findPackageDir, isFile, parseJsonObject, readText } from '../project/files';
import { childPath, type ListedPackageJson } from './files';

/** The slice of ESLint's class the resolver uses (ESLint 8.57, 9, 10; flat or eslintrc). */
interface EslintLike {
  calculateConfigForFile(file: string): Promise<{ settings?: Record<string, unknown> } | undefined>;
  findConfigFile?(): Promise<string | undefined>;
}

export interface SettingsResolverOptions {
  readonly cwd: string;
  /** `--settings FILE`: a JSON file holding the `otel-safe` object (or `{ "otel-safe": { … } }`). */
  readonly settingsFile?: string;
  /** Where notes go (an ESLint configuration that cannot be loaded). */
  readonly warn?: (message: string) => void;
}

export class SettingsResolver {
  private readonly exact = new Map<string, Promise<OtelSafeSettings>>();
  private readonly groups = new Map<string, Promise<OtelSafeSettings>>();
  /** `groups`' values once settled, so a folder's later files need no `await`. */
  private readonly settledGroups = new Map<string, OtelSafeSettings>();
  /** package.json settings by folder, when no ESLint configuration applies. */
  private readonly byFolder = new Map<string, OtelSafeSettings>();
  /** package.json settings by manifest: the folders of one package share it. */
  private readonly byManifest = new Map<string, OtelSafeSettings>();
  /** The nearest package.json's folder by folder, for folders a walk listed (`useListings`). */
  private readonly packageDirs = new Map<string, string | undefined>();
  private listings: ReadonlyMap<string, ListedPackageJson> | undefined;
  private readonly parsed = new Map<string, OtelSafeSettings>();

  private constructor(
    private readonly fixed: OtelSafeSettings | undefined,
    private eslint: EslintLike | undefined,
    private readonly configName: string,
    private readonly cwd: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** Throws `SettingsError` for an unreadable or invalid `--settings` file. */
  static async create(options: SettingsResolverOptions): Promise<SettingsResolver> {
    const cwd = path.resolve(options.cwd);
    const warn = options.warn ?? (() => {});
    if (options.settingsFile !== undefined) return new SettingsResolver(readSettingsFile(path.resolve(cwd, options.settingsFile), options.settingsFile), undefined, '', cwd, warn);
    const found = await loadEslint(cwd, warn);
    return new SettingsResolver(undefined, found?.eslint, found?.configName ?? '', cwd, warn);
  }

  /**
   * What the file walk saw of each folder's package.json: the nearest package.json of a file in a
   * listed folder is then found without a file-system call per folder (thousands on a large tree).
   */
  useListings(listings: ReadonlyMap<string, ListedPackageJson>): void {
    this.listings = listings;
  }

  /** Fixed settings for every file (`--settings`), or undefined when they are read per file. */
  get fixedSettings(): OtelSafeSettings | undefined {
    return this.fixed;
  }

  /** The settings of one file. Throws `SettingsError` when they are invalid. */
  forFile(file: string): Promise<OtelSafeSettings> {
    if (this.fixed) return Promise.resolve(this.fixed);
    let found = this.exact.get(file);
    if (!found) {
      found = this.resolve(file);
      this.exact.set(file, found);
    }
    return found;
  }

  /**
   * Settings for the text gate of the files of one folder with one extension: the first such
   * file's. One ESLint config resolution per group instead of per file keeps a run over a
   * large tree cheap; files that pass the gate then get their own exact settings.
   */
  forGroup(file: string): Promise<OtelSafeSettings> {
    if (this.fixed) return Promise.resolve(this.fixed);
    const key = groupKey(file);
    let found = this.groups.get(key);
    if (!found) {
      found = this.forFile(file);
      this.groups.set(key, found);
      found.then((settings) => this.settledGroups.set(key, settings), () => {});
    }
    return found;
  }

  /**
   * `forFile`'s answer when it is known without waiting: with `--settings`, or when no ESLint
   * configuration applies (the nearest package.json, read synchronously, once per folder); else
   * undefined (ESLint resolves the file: `await forFile`). Throws `SettingsError` where `forFile` rejects.
   * A run over thousands of files then costs no promise per file.
   */
  forFileNow(file: string): OtelSafeSettings | undefined {
    if (this.fixed) return this.fixed;
    if (this.eslint) return undefined;
    const folder = path.dirname(resolved(file));
    let found = this.byFolder.get(folder);
    if (!found) {
      found = this.fromPackageJson(folder);
      this.byFolder.set(folder, found);
    }
    return found;
  }

  /** `forGroup`'s answer when it is known without waiting (as `forFileNow`, or the group's settled settings), else undefined. */
  forGroupNow(file: string): OtelSafeSettings | undefined {
    return this.forFileNow(file) ?? this.settledGroups.get(groupKey(file));
  }

  private async resolve(file: string): Promise<OtelSafeSettings> {
    if (this.eslint) {
      let config: { settings?: Record<string, unknown> } | undefined;
      try {
        config = await this.eslint.calculateConfigForFile(file);
      } catch (error) {
        // the config loads its plugins (one not installed here, say): a note, then package.json for every file
        this.eslint = undefined;
        this.warn(cannotLoad(error));
      }
      const raw = config?.settings?.['otel-safe'];
      if (raw !== undefined) return this.parse(raw, this.configName);
    }
    return this.fromPackageJson(path.dirname(path.resolve(file)));
  }

  /** The settings in the package.json nearest to `folder` (absolute). */
  private fromPackageJson(folder: string): OtelSafeSettings {
    const dir = this.packageDirOf(folder);
    if (dir === undefined) return {};
    const manifest = childPath(dir, 'package.json');
    let found = this.byManifest.get(manifest);
    if (!found) {
      found = this.fromManifest(manifest);
      this.byManifest.set(manifest, found);
    }
    return found;
  }

  /** `findPackageDir`, answered from the walk's listings where it has them. */
  private packageDirOf(folder: string): string | undefined {
    const listed = this.listings?.get(folder);
    if (listed === undefined) return findPackageDir(folder);
    if (this.packageDirs.has(folder)) return this.packageDirs.get(folder);
    let found: string | undefined;
    if (listed === 'file' || (listed === 'symlink' && isFile(childPath(folder, 'package.json')))) found = folder;
    else {
      const parent = path.dirname(folder);
      found = parent === folder ? undefined : this.packageDirOf(parent);
    }
    this.packageDirs.set(folder, found);
    return found;
  }

  private fromManifest(manifest: string): OtelSafeSettings {
    const text = readText(manifest);
    // JSON spells the key "otel-safe" as written unless it uses a \u escape: most manifests need no parse
    if (text === undefined || !(text.includes('"otel-safe"') || text.includes('\\u'))) return {};
    const raw = parseJsonObject(text)?.['otel-safe'];
    return raw === undefined ? {} : this.parse(raw, `${path.relative(this.cwd, manifest) || 'package.json'} "otel-safe"`);
  }

  /** Validated once per distinct value (ESLint returns a fresh merged config per file). */
  private parse(raw: unknown, origin: string): OtelSafeSettings {
    const key = `${origin}\0${JSON.stringify(raw)}`;
    let settings = this.parsed.get(key);
    if (!settings) {
      settings = parseSettings(raw, origin);
      this.parsed.set(key, settings);
    }
    return settings;
  }
}

/** `path.resolve(file)`, without its cost per file for the absolute, normalized paths of the CLI's walk. */
function resolved(file: string): string {
  return isNormalizedAbsolute(file) ? file : path.resolve(file);
}

/** True for an absolute path with no empty, `.` or `..` segment, no trailing separator (and, on Windows, no `/`): `path.resolve` would return it as it is. */
function isNormalizedAbsolute(file: string): boolean {
  const sep = path.sep;
  if (!path.isAbsolute(file) || file.includes(sep + sep) || (sep !== '/' && file.includes('/')) || (file.endsWith(sep) && file !== path.parse(file).root)) return false;
  for (let at = file.indexOf(`${sep}.`); at >= 0; at = file.indexOf(`${sep}.`, at + 1)) {
    const end = file[at + 2] === '.' ? at + 3 : at + 2;
    if (end === file.length || file[end] === sep) return false;
  }
  return true;
}

/** The files whose text gate shares one settings resolution: one folder, one extension. */
function groupKey(file: string): string {
  return `${path.dirname(file)}\0${path.extname(file)}`;
}

function readSettingsFile(file: string, given: string): OtelSafeSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SettingsError(`cannot read --settings ${given}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SettingsError(`--settings ${given} is not valid JSON: ${(error as Error).message}`);
  }
  const raw = value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'otel-safe') ? (value as Record<string, unknown>)['otel-safe'] : value;
  return parseSettings(raw, `--settings ${given}`);
}

/**
 * ESLint as the project has it (resolved from `cwd`, else the one beside this package), with
 * the configuration ESLint would use when run from `cwd`; undefined when there is no ESLint
 * or no configuration. A configuration that fails to load is a note, not a failed run.
 */
async function loadEslint(cwd: string, warn: (message: string) => void): Promise<{ eslint: EslintLike; configName: string } | undefined> {
  let api: { loadESLint?: (options: { cwd: string }) => Promise<new (options: { cwd: string }) => EslintLike> } | undefined;
  // resolved from cwd through `paths`, not from a require made at cwd/package.json: Node reads the
  // package.json beside a requiring file, and a FIFO there would block the run forever
  const local = createRequire(__filename);
  for (const from of [cwd, path.dirname(__filename)]) {
    let resolved: string;
    try {
      resolved = local.resolve('eslint', { paths: [from] });
    } catch {
      continue; // not installed there
    }
    // loading ESLint costs more than the rest of a small run: skipped when it could only say "no
    // configuration" (an ESLint that fails to load would have been passed over for the next one)
    if (flatConfigCannotApply(local, from, cwd)) {
      settingsStats.eslintLoadsSkipped++;
      return undefined;
    }
    try {
      api = local(resolved) as typeof api;
    } catch {
      // cannot be loaded: as if not installed
      continue;
    }
    break;
  }
  if (!api?.loadESLint) return undefined; // ESLint < 8.57 has no loadESLint: package.json settings only
  settingsStats.eslintLoads++;
  try {
    const ESLintClass = await api.loadESLint({ cwd });
    const eslint = new ESLintClass({ cwd });
    if (eslint.findConfigFile) {
      // flat config: none found means ESLint itself would refuse to run
      const configFile = await eslint.findConfigFile();
      if (!configFile) return undefined;
      return { eslint, configName: path.relative(cwd, configFile) || configFile };
    }
    // eslintrc: the cascade is per file; a probe tells whether any configuration applies here
    await eslint.calculateConfigForFile(path.join(cwd, '__otel_safe_probe__.js'));
    return { eslint, configName: 'the ESLint configuration (.eslintrc)' };
  } catch (error) {
    if (!/No ESLint configuration found|couldn't find (a|an) (eslint\.config|configuration)/i.test((error as Error).message ?? '')) warn(cannotLoad(error));
    return undefined;
  }
}

/** Work counters, read by test/perf: how often the CLI loaded ESLint to resolve settings, and how often it did not need to. */
export const settingsStats = { eslintLoads: 0, eslintLoadsSkipped: 0 };

/** ESLint 9's flat config file names (`FLAT_CONFIG_FILENAMES` of eslint/lib/config/config-loader.js). */
const FLAT_CONFIG_FILES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/**
 * True when loading the ESLint installed for `from` could only end in "no configuration" (then
 * `loadEslint` returns undefined): it is ESLint 9, in flat-config mode (`ESLINT_USE_FLAT_CONFIG` is
 * not `false`), and no flat config file lies in `cwd` or above it, which is where ESLint 9's
 * `findConfigFile()` looks (find-up from cwd; regular files, symlinks followed). ESLint 8.57 (its
 * mode depends on more than files), ESLint 10 and later, and an ESLint whose version cannot be
 * read are loaded as before.
 */
function flatConfigCannotApply(local: NodeJS.Require, from: string, cwd: string): boolean {
  if (process.env.ESLINT_USE_FLAT_CONFIG === 'false') return false;
  let version: unknown;
  try {
    version = (JSON.parse(readFileSync(local.resolve('eslint/package.json', { paths: [from] }), 'utf8')) as { version?: unknown }).version;
  } catch {
    return false;
  }
  if (typeof version !== 'string' || !/^9\./.test(version)) return false;
  for (let dir = cwd; ; ) {
    for (const name of FLAT_CONFIG_FILES) {
      try {
        if (statSync(path.join(dir, name), { throwIfNoEntry: false })?.isFile()) return false;
      } catch {
        return false; // cannot tell (a permission error): ask ESLint
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

function cannotLoad(error: unknown): string {
  const message = ((error as Error).message ?? String(error)).split('\n')[0];
  return `note: the ESLint configuration could not be loaded (${message}); settings['otel-safe'] are read from package.json instead (or pass --settings FILE)`;
}
