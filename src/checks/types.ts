import type { Finding, Suggestion } from '../core/finding';

export type { Suggestion };

/** What a check function returns: a core finding without its `ruleId`, which the check's `Check` object adds. */
export type Report<M extends string> = Omit<Finding<M>, 'ruleId'>;
