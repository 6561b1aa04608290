// The floor of ESLint's own per-rule cost, for the `app-floor` row of bench/run.mjs: rules named
// like the built plugin's whose `create()` does nothing and allocates nothing (one frozen object
// for every rule and file, as the otel-safe gate returns for a file without OpenTelemetry). What
// ESLint's `stats` charge to these rules is its own: the call into `create()`, the first of the two
// `process.hrtime()` calls around it, which allocates its result inside the timed window
// (eslint/lib/shared/stats.js), and the garbage collections that allocation starts. Each name has
// a rule object and a `create` of its own, as a plugin's rules have (otel-safe's `createRule` makes
// one closure per rule): ten names sharing one object and one function cost ESLint 0.2–0.5 µs less
// per file on a 27,717-file screen (inside the noise on the whole tree: bench/README.md, eighteenth pass).
const NOTHING = Object.freeze({});

/** A plugin with rules of the same names as `plugin`'s, each doing nothing. */
export function floorPlugin(plugin) {
  return { meta: { name: 'otel-safe-floor' }, rules: Object.fromEntries(Object.keys(plugin.rules).map((name) => [name, idleRule()])) };
}

/** A rule that does nothing: a new object and a new `create` closure per call. */
function idleRule() {
  return { meta: { type: 'problem', schema: [] }, create: () => NOTHING };
}
