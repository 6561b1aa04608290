import noDuplicateRegistration from './no-duplicate-registration';

/** Every rule, by name. */
export const rules = {
  'no-duplicate-registration': noDuplicateRegistration,
};
