// The Python transforms `otel-codemod` runs on `.py` files, in the registry's shape
// (`{ name, language, extensions, run }`): each applies the first suggestion of its check's
// findings through the core engine (parse, check, edit, re-parse, repeat). Names are shared
// with the JavaScript transform of the same idea; the registry keys entries by name + language.
//
// `add-guards` runs only the rewrites that cannot make a running program worse:
// - reuse-provider's guard for setup that runs more than once (skipped only when a provider is
//   already set: the skipped provider would have been ignored, python-otel-facts §v); not its
//   reuse form (on one path, under the CLI), which moves processors onto the first provider and
//   can export twice until dedupe-span-processors runs;
// - guard-post-fork (a worker keeps the provider it inherited: §vii, one export per span);
// - guard-reloader (setup skipped only in the reloader parent, which serves nothing: §vi);
// - instrument-app (an app that produced no spans gets instrumented; a second instrumentation
//   only warns: §i–§iii).
// disable-reloader (changes the developer's reload loop), dedupe-span-processors (may drop a
// deliberate second backend) and env-exporter-endpoint (changes where spans go when the
// environment is set) stay explicit.
import type { FixOutcome } from '../core/engine';
import { fixFile } from '../core/engine';
import type { Finding } from '../core/finding';
import type { CheckInput, SourceFile } from '../core/language';
import type { FixContext } from '../core/engine';
import type { PythonRuleName } from './checks';
import { pythonChecksByRule } from './checks';
import { pythonLanguage } from './language';
import type { PyTree } from './nodes';

export interface PythonTransform {
  readonly name: string;
  readonly language: 'python';
  readonly extensions: readonly string[];
  readonly description: string;
  /** The rule whose reports it fixes (absent for add-guards). */
  readonly rule?: string;
  /** Applies the fixes; undefined when the file fails the text gate (nothing parsed). Throws ParseError. */
  run(file: SourceFile, context: FixContext): FixOutcome | undefined;
}

interface Step {
  readonly rule: PythonRuleName;
  /** Only findings with these messageIds (all when absent). */
  readonly only?: readonly string[];
}

function checkOf(step: Step): (input: CheckInput<PyTree>) => readonly Finding[] {
  const check = pythonChecksByRule[step.rule];
  return (input) => {
    const findings = check.run(input, undefined) as readonly Finding[];
    return withoutRepeatedEdits(step.only ? findings.filter((f) => step.only!.includes(f.messageId)) : findings);
  };
}

/**
 * Each finding's suggestion stands alone (an ESLint user applies one), so two of them may insert
 * the same import; applied together in one pass, the second copy is dropped.
 */
function withoutRepeatedEdits(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.map((f) => {
    const first = f.suggestions[0];
    if (!first) return f;
    const edits = first.edits.filter((e) => {
      const key = `${e.range[0]}:${e.range[1]}:${e.text}`;
      if (e.range[0] !== e.range[1]) return true;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { ...f, suggestions: [{ ...first, edits }, ...f.suggestions.slice(1)] };
  });
}

function transform(name: string, description: string, step: Step): PythonTransform {
  return {
    name,
    language: 'python',
    extensions: pythonLanguage.extensions,
    description,
    rule: `python/${step.rule}`,
    run: (file, context) => fixFile(pythonLanguage, file, context, checkOf(step)),
  };
}

export const pythonTransforms: readonly PythonTransform[] = [
  transform('reuse-provider', 'reuses the provider already set instead of a second set_tracer_provider; guards setup that runs more than once or under opentelemetry-instrument', { rule: 'no-provider-override' }),
  transform('dedupe-span-processors', 'removes a second processor in front of the same exporter, and OTLP processors added to the provider opentelemetry-instrument exports from', { rule: 'no-duplicate-export' }),
  transform('guard-post-fork', 'guards Gunicorn post_fork setup with a ProxyTracerProvider check when the app is preloaded', { rule: 'no-preload-double-init' }),
  transform('disable-reloader', 'passes use_reloader=False to app.run() under opentelemetry-instrument (instrumentation 0.62b1 or older)', { rule: 'no-reloader-auto-instrumentation' }),
  transform('guard-reloader', 'runs setup only in the Werkzeug reloader child (or without a reloader), replacing the broken WERKZEUG_RUN_MAIN … or not app.debug guard', { rule: 'no-reloader-double-init' }),
  transform('instrument-app', 'instruments the app itself (instrument_app(app)) when instrument() ran after the framework class was imported by name', { rule: 'no-late-instrumentor' }),
  transform('env-exporter-endpoint', 'lets exporters read OTEL_EXPORTER_* first and keeps the literal endpoint as the fallback', { rule: 'no-hardcoded-exporter-endpoint' }),
];

/** The steps add-guards runs on `.py` files, in order (see the header for why these). */
export const pythonAddGuardsSteps: readonly Step[] = [
  { rule: 'no-provider-override', only: ['overrideInRerunnable'] },
  { rule: 'no-preload-double-init' },
  { rule: 'no-reloader-double-init' },
  { rule: 'no-late-instrumentor' },
];

export const pythonAddGuards: PythonTransform = {
  name: 'add-guards',
  language: 'python',
  extensions: pythonLanguage.extensions,
  description: 'the umbrella: reuse-provider (guard for re-run setup), guard-post-fork, guard-reloader and instrument-app, each where its rule reports',
  run(file, context) {
    let text = file.text;
    let gated = true;
    const left: Finding[] = [];
    for (const step of pythonAddGuardsSteps) {
      const out = fixFile(pythonLanguage, { path: file.path, text }, context, checkOf(step));
      if (!out) continue;
      gated = false;
      text = out.text;
      left.push(...out.left);
    }
    return gated ? undefined : { text, left };
  },
};

export function getPythonTransform(name: string): PythonTransform | undefined {
  return name === 'add-guards' ? pythonAddGuards : pythonTransforms.find((t) => t.name === name);
}
