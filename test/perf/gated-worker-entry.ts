// Bundled by cli-gate.test.ts into a CommonJS worker script serving the gated test transform.
import { isCodemodWorker, serveWorker } from '../../src/cli/workers';
import { gatedRegistry } from './gated-transforms';

if (isCodemodWorker()) serveWorker(gatedRegistry);
