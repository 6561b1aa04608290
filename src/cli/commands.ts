import type { CliArgs } from './args';
import type { CliIo } from './io';
import { describeTransforms, type Registry } from './registry';
import { formatTransformList } from './report';

export interface CommandContext {
  readonly args: CliArgs;
  readonly io: CliIo;
  readonly registry: Registry;
}

/** Returns the exit code. */
export type Command = (context: CommandContext) => number | Promise<number>;

/**
 * The commands that are not transforms; a name here wins over a transform of the same
 * name. `doctor` (whole-project report, SPEC §5) is reserved: its implementation
 * replaces the placeholder below.
 */
export const commands: Readonly<Record<string, Command>> = {
  list: listTransforms,
  doctor: ({ io }) => {
    io.stderr.write('doctor: not available in this version\n');
    return 2;
  },
};

function listTransforms({ args, io, registry }: CommandContext): number {
  if (args.paths.length > 0) {
    io.stderr.write(`otel-codemod: list takes no arguments, got '${args.paths[0]}'\n`);
    return 2;
  }
  const entries = describeTransforms(registry);
  io.stdout.write(args.json ? `${JSON.stringify(entries, null, 2)}\n` : formatTransformList(entries));
  return 0;
}
