import type { HmrDisposeMessageId } from '../src/checks/hmr-dispose';
import { checkHmrDispose } from '../src/checks/hmr-dispose';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [];
export type MessageId = HmrDisposeMessageId;

export default createRule<Options, MessageId>({
  name: 'require-hmr-dispose',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require OpenTelemetry setup in hot-reloaded modules to survive re-evaluation by handing the running instance over',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      unguardedSetup:
        '`{{label}}` runs again each time a hot update re-evaluates this module: {{what}}. Reuse the running setup through `{{api}}.data` (hand it over in `dispose`), or keep it in a `globalThis` slot (`npx otel-codemod add-hmr-dispose`).',
      flagOnlyGuard:
        '`{{label}}` is kept to one run by the module-level `{{flag}}`, which a hot update re-creates: the new instance initializes again and wraps `fetch`/XHR again. Hand the flag or the instance over through `{{api}}.data` (`npx otel-codemod add-hmr-dispose`).',
      setupInReactEffect:
        '`{{label}}` runs in {{context}} and is kept to one run only by the module-level `{{flag}}`; Fast Refresh re-evaluates the module and resets it, so setup runs again. Hand it over through `{{api}}.data` or keep it in a `globalThis` slot (`npx otel-codemod add-hmr-dispose`).',
      handoverNeverWritten:
        '`{{label}}` reuses `{{api}}.data`, but nothing writes it: no `dispose` fills `data`, so every hot update initializes again. Write the instance into `data` in `{{api}}.dispose` (`npx otel-codemod add-hmr-dispose`).',
      disposeResetsFlag:
        'This dispose only resets `{{flag}}`: the next module instance starts with a fresh flag anyway, builds a second provider that never registers and wraps `fetch`/XHR again. Hand the running instance over through `data` instead (`npx otel-codemod add-hmr-dispose`).',
      disposeWithoutHandover:
        'This dispose shuts telemetry down but neither hands it over through `data` nor disables the API globals: the next instance\'s registration is then silently ignored and spans are lost. Hand the instance over (or tear down completely: unload instrumentations, `shutdown()`, `trace/context/propagation.disable()`) (`npx otel-codemod add-hmr-dispose`).',
      reuseAcrossUpdates: 'Reuse the running telemetry across hot updates through `{{api}}.data`.',
      handOverFlag: 'Hand the module flag over to the next instance through `{{api}}.data`.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return reportOnProgram(context, checkHmrDispose);
  },
});
