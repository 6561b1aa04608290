// Bundled by workers.test.ts into a plain CommonJS worker script, standing in for
// dist/cli.js with the test transforms instead of the real ones.
import { isCodemodWorker, serveWorker } from '../../src/cli/workers';
import { testRegistry } from './test-transforms';

if (isCodemodWorker()) serveWorker(testRegistry);
