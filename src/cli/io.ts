/** Where output goes: process.stdout/stderr in the binary, string buffers in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/** Everything the CLI takes from its process, passed in so tests can run it in-process. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Relative paths on the command line and in the output are relative to this. */
  readonly cwd: string;
  /** stderr is a terminal: allows the progress line. */
  readonly isTTY: boolean;
  /**
   * A script that can run as a worker thread (the bundled dist/cli.js). Without it, for
   * example when running from TypeScript sources, files are processed in-process.
   */
  readonly workerScript?: string;
}
