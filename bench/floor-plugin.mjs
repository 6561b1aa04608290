// The floor of ESLint's own per-rule cost, for the `app-floor` row of bench/run.mjs: rules named
// like the built plugin's whose `create()` does nothing and allocates nothing (one frozen object
// for every rule and file, as the otel-safe gate returns for a file without OpenTelemetry). What
// ESLint's `stats` charge to these rules is its own: the call into `create()`, the first of the two
// `process.hrtime()` calls around it, which allocates its result inside the timed window
// (eslint/lib/shared/stats.js), and the garbage collections that allocation starts. Each name has
// a rule object and a `create` of its own, as a plugin's rules have (otel-safe's `createRule` makes
// one closure per rule): ten names sharing one object and one function cost ESLint 0.2–0.5 µs less
// per file on a 27,717-file screen (inside the noise on the whole tree: bench/README.md, eighteenth pass).
//
// `step` climbs from that floor towards otel-safe's gate, one step of the gate at a time, to see what
// each costs inside ESLint (`OTEL_SAFE_BENCH_FLOOR=owner|read|scan node bench/eslint.mjs <dir>`; the
// twentieth pass of bench/README.md): `owner`, the first rule of each file finds the file by its rule
// context's prototype (ESLint's file context, as `src/rule.ts` does) and remembers it, and the other
// rules compare with it; `read`, that rule also reads the file's text off the file context; `scan`,
// it also looks for `@opentelemetry/` from each '@' of the text. Every step still returns the frozen object.
const NOTHING = Object.freeze({});

/** The steps of the ladder: `idle` (the floor), then one more step of the gate each. */
export const FLOOR_STEPS = ['idle', 'owner', 'read', 'scan'];

/** A plugin with rules of the same names as `plugin`'s, each doing nothing (or the gate up to `step`). */
export function floorPlugin(plugin, step = 'idle') {
  if (!FLOOR_STEPS.includes(step)) throw new Error(`floorPlugin: unknown step '${step}' (one of ${FLOOR_STEPS.join(', ')})`);
  const rule = step === 'idle' ? idleRule : () => gateStepRule(step);
  return { meta: { name: 'otel-safe-floor' }, rules: Object.fromEntries(Object.keys(plugin.rules).map((name) => [name, rule()])) };
}

/** A rule that does nothing: a new object and a new `create` closure per call. */
function idleRule() {
  return { meta: { type: 'problem', schema: [] }, create: () => NOTHING };
}

/** The file context the last file's first rule met (shared by every rule of the ladder, as otel-safe's gate is). */
let lastFile;
/** What the `read` and `scan` steps found, kept so that no step's work can be left out by the compiler. */
export const ladderSeen = { chars: 0, hints: 0 };

function gateStepRule(step) {
  return {
    meta: { type: 'problem', schema: [] },
    create: (context) => {
      const file = Object.getPrototypeOf(context);
      if (file === lastFile) return NOTHING;
      lastFile = file;
      if (step === 'owner') return NOTHING;
      const text = file.sourceCode.text;
      if (step === 'read') ladderSeen.chars += text.length;
      else if (namesOpenTelemetry(text)) ladderSeen.hints++;
      return NOTHING;
    },
  };
}

const HINT = '@opentelemetry/';

function namesOpenTelemetry(text) {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) if (text.charCodeAt(at + 1) === 0x6f && text.startsWith(HINT, at)) return true;
  return false;
}
