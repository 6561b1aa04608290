// vitest globalSetup for `npm test`: says, once, that the Python runtime proofs are not run here.
import { isCurrent } from '../../scripts/python-env.mjs';

export default function notice(): void {
  let venvs = 'missing or stale';
  try {
    if (isCurrent('A') && isCurrent('B')) venvs = 'present';
  } catch {
    /* no python3: the same as missing */
  }
  console.log(`python runtime proofs skipped in npm test (venvs ${venvs}); run them with: npm run test:python`);
}
