// Every transform `otel-codemod` can run, by name.
import addGuards from '../../codemods/add-guards';
import guardRegistration from '../../codemods/guard-registration';
import type { TransformEntry } from './types';

export const transforms: Readonly<Record<string, TransformEntry>> = {
  'add-guards': {
    name: 'add-guards',
    description: 'the umbrella: applies every transform below that is paired with a recommended rule, where its rule reports',
    transform: addGuards,
  },
  'guard-registration': {
    name: 'guard-registration',
    description: 'keeps OpenTelemetry registrations to one per process (globalThis slot) and removes repeated ones',
    rule: 'no-duplicate-registration',
    transform: guardRegistration,
  },
};

export function getTransform(name: string): TransformEntry | undefined {
  return Object.hasOwn(transforms, name) ? transforms[name] : undefined;
}
