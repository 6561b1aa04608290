// What a transform's text gates say of one file before any parse: the CLI's main thread reads
// and gates every file (src/cli/run.ts), and only the files that pass are parsed.
import { isUtf8 } from 'node:buffer';
import type { TransformEntry, TransformOptions } from '../codemod/types';
import type { FileTarget } from './files';
import { NO_OTEL, type FileResult } from './process-file';
import type { TransformCommand } from './registry';
import { decodeText, readGateBytes, readSourceText, type DecodedText } from './write';

/** A file that passed its folder's text gate: its entry, the length of its text and the text (0 and none when it cannot be read or decoded). */
export interface Passed {
  readonly entry: TransformEntry;
  readonly chars: number;
  readonly text: string | undefined;
  /** The options the text gate ran with (the folder's); none when the entry has no text gate. */
  readonly gateOptions?: TransformOptions;
}

/**
 * The first look at a file: its result when it needs no transform (no `entry` of `command` for its
 * type, or it fails the entry's text gate with its folder's settings, `folderOptions`), else what passed.
 */
export function firstGate(target: FileTarget, command: TransformCommand, entry: TransformEntry | undefined, folderOptions: () => TransformOptions): FileResult | Passed {
  if (!entry) return { path: target.displayPath, status: 'skipped', reason: `no ${command.name} transform for this file type` };
  if (!entry.textGate) return { entry, chars: 0, text: undefined };
  const gateOptions = folderOptions();
  const gate = passesGate(target, entry, gateOptions);
  return gate ? { entry, gateOptions, ...gate } : { path: target.displayPath, status: 'skipped', reason: NO_OTEL };
}

/** True for `firstGate`'s answer when the file needs no transform. */
export function isDecided(triage: FileResult | Passed): triage is FileResult {
  return !('entry' in triage);
}

/**
 * The second look, with the file's own settings (`fileOptions`): `unchanged` when the transform,
 * given this text, would find nothing to fix or leave (what it would say, without its parse), else undefined.
 */
export function secondGate(target: FileTarget, passed: Passed, fileOptions: TransformOptions): FileResult | undefined {
  const { entry, text, gateOptions } = passed;
  if (text === undefined || !entry.findingsGate) return undefined;
  const file = { path: target.path, source: text };
  // with other settings than the folder's, the text gate may say otherwise: the transform decides
  // (`optionsCache` gives one options object per settings value, so the same object means the same answer)
  if (fileOptions !== gateOptions && !entry.textGate!(file, fileOptions)) return undefined;
  return entry.findingsGate(file, fileOptions) ? undefined : { path: target.displayPath, status: 'unchanged' };
}

/**
 * The entry's gate with the settings of the file's folder (`gateOptions`): undefined when the file fails it (it
 * is `skipped`, as the transform would have said), else the length of its text and the text
 * (0 and none when it cannot be read or decoded: processFile reports why). The raw bytes are checked first, so a
 * file that fails the byte gate and is valid UTF-8 is never decoded.
 */
function passesGate(target: FileTarget, entry: TransformEntry, gateOptions: TransformOptions): Omit<Passed, 'entry'> | undefined {
  let text: string | undefined;
  if (entry.byteGate) {
    const bytes = readGateBytes(target.realPath);
    if (bytes && isUtf8(bytes)) {
      if (!entry.byteGate(target.path, bytes, gateOptions)) return undefined;
      // the bytes just read, decoded as `readSourceText` decodes them (valid UTF-8, the BOM dropped): no second read
      text = decodeText(bytes);
    }
  }
  text ??= readForGate(target)?.text;
  if (text === undefined) return { chars: 0, text: undefined };
  return entry.textGate!({ path: target.path, source: text }, gateOptions) ? { chars: text.length, text } : undefined;
}

/** The file's text for the gate; undefined when it cannot be read or decoded (processFile reports why). */
function readForGate(target: FileTarget): DecodedText | undefined {
  try {
    return readSourceText(target.realPath);
  } catch {
    return undefined;
  }
}

/** One options object per settings value (a folder's, mostly the same one), not one per file. */
export function optionsCache(base: TransformOptions): (settings: TransformOptions['settings']) => TransformOptions {
  const bySettings = new Map<unknown, TransformOptions>();
  return (settings) => {
    let found = bySettings.get(settings);
    if (!found) bySettings.set(settings, (found = { ...base, settings }));
    return found;
  };
}
