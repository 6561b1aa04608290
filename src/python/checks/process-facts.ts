// The project facts checks ask about a file, in their words: the processes that run it under
// `opentelemetry-instrument`, a launch described for a message, the instrumentation version.
import { relative } from 'node:path';
import type { PyLaunch, PythonProject } from '../project';
import { getPythonProject, launchesRunning } from '../project';

export interface FileProcesses {
  readonly project: PythonProject | undefined;
  /** Launches running this file. */
  readonly running: readonly PyLaunch[];
}

export function processesOf(filename: string): FileProcesses {
  const project = getPythonProject(filename);
  return { project, running: project ? launchesRunning(project, filename) : [] };
}

/** Launches under `opentelemetry-instrument` whose CLI sets up `signal` (a `none` exporter sets up nothing to export, but still sets the provider). */
export function instrumentedLaunches(facts: FileProcesses): PyLaunch[] {
  return facts.running.filter((l) => l.instrumented);
}

/** `Procfile:1 (`opentelemetry-instrument gunicorn app:app`)` for messages. */
export function describeLaunch(facts: FileProcesses, launch: PyLaunch): string {
  const file = facts.project ? relative(facts.project.dir, launch.file) : launch.file;
  return `${file}:${launch.line} (\`${launch.command.trim()}\`)`;
}

/** The traces exporter the CLI configures for a launch (`otlp` unless OTEL_TRACES_EXPORTER says otherwise). */
export function cliTracesExporter(launch: PyLaunch): string {
  return (launch.env.OTEL_TRACES_EXPORTER ?? 'otlp').toLowerCase();
}
