import type { EarlyInitMessageId } from '../src/checks/early-init';
import { checkEarlyInit } from '../src/checks/early-init';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [Record<string, never>];
export type MessageId = EarlyInitMessageId;

export default createRule<Options, MessageId>({
  name: 'require-early-init',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the SDK to start before instrumentable libraries are loaded',
      recommended: true,
    },
    messages: {
      loadedBeforeStart:
        '`{{module}}` is loaded before `{{label}}` (line {{line}}) starts the SDK: `{{instrumentation}}` cannot patch a module that is already loaded, so its calls produce no spans. Require it after the start, or move the setup into its own file preloaded with `node --require`.',
      importedBeforeStart:
        '`{{module}}` is imported in the file that starts the SDK (`{{label}}`, line {{line}}): static imports are evaluated before any code of the module, so `{{instrumentation}}` patches it too late and its calls produce no spans. Move the SDK setup into its own file and load it first with `node --import ./instrumentation.mjs` (or `--require` for CommonJS).',
    },
    schema: [{ type: 'object', additionalProperties: false, properties: {} }],
  },
  defaultOptions: [{}],
  create(context) {
    return reportOnProgram(context, checkEarlyInit);
  },
});
