import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliArgs } from './args';
import type { CliIo } from './io';
import { formatGithub } from './format/github';
import { formatSarif } from './format/sarif';
import { doctorProblemReport } from './problems/doctor';
import { describeTransforms, type Registry } from './registry';
import { VERSION } from './usage';
import { formatTransformList } from './report';
import { SettingsResolver } from './settings';
import { SettingsError } from '../core/settings';
import { forgetSkippedSpecialFiles, skippedSpecialFiles } from '../project/files';
import { writeSpecialFilesNote } from './notes';

export interface CommandContext {
  readonly args: CliArgs;
  readonly io: CliIo;
  readonly registry: Registry;
}

/** Returns the exit code. */
export type Command = (context: CommandContext) => number | Promise<number>;

/** The commands that are not transforms; a name here wins over a transform of the same name. */
export const commands: Readonly<Record<string, Command>> = {
  list: listTransforms,
  // `doctor [root]`: the whole-project report (src/doctor); exit 0 clean, 1 problems found, 2 usage error, 3 files that could not be analysed.
  doctor: runDoctorCommand,
};

function listTransforms({ args, io, registry }: CommandContext): number {
  if (args.paths.length > 0) {
    io.stderr.write(`otel-codemod: list takes no arguments, got '${args.paths[0]}'\n`);
    return 2;
  }
  if (args.format !== 'stylish' && args.format !== 'json') {
    io.stderr.write(`otel-codemod: list prints text or JSON, not --format ${args.format}\n`);
    return 2;
  }
  const entries = describeTransforms(registry);
  io.stdout.write(args.json ? `${JSON.stringify(entries, null, 2)}\n` : formatTransformList(entries));
  return 0;
}

/** `otel-codemod doctor [root] [--format F]`: loads src/doctor on demand (it parses, `list` should not pay for that). */
async function runDoctorCommand({ args, io }: CommandContext): Promise<number> {
  if (args.paths.length > 1) {
    io.stderr.write(`otel-codemod: doctor takes one project root, got ${args.paths.length} paths\nRun 'otel-codemod --help' for usage.\n`);
    return 2;
  }
  const root = resolve(io.cwd, args.paths[0] ?? '.');
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    io.stderr.write(`otel-codemod: doctor: '${args.paths[0] ?? '.'}' is not a directory\nRun 'otel-codemod --help' for usage.\n`);
    return 2;
  }
  forgetSkippedSpecialFiles(); // the note names the special files this run met
  let settings: SettingsResolver;
  try {
    settings = await SettingsResolver.create({ cwd: io.cwd, settingsFile: args.settingsFile, warn: (m) => io.stderr.write(`${m}\n`) });
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    io.stderr.write(`otel-codemod: ${error.message}\n`);
    return 2;
  }
  const { runDoctor } = await import('../doctor');
  try {
    const { output, exitCode, report } = await runDoctor(root, { json: args.json, settings });
    if (args.format === 'stylish' || args.format === 'json') io.stdout.write(output);
    else {
      const problems = doctorProblemReport(report, { cwd: io.cwd, command: 'otel-codemod doctor' });
      io.stdout.write(args.format === 'sarif' ? formatSarif(problems, { name: 'otel-codemod', version: VERSION }) : formatGithub(problems));
    }
    writeSpecialFilesNote(io, skippedSpecialFiles());
    return exitCode;
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    io.stderr.write(`otel-codemod: ${error.message}\n`);
    return 2;
  }
}
