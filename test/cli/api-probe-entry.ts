// Bundled by transform-api.test.ts into a script outside the repository (where
// `jscodeshift` cannot be resolved unless NODE_PATH points at it): runs one file through
// processFile with a transform that touches `api.jscodeshift`, and prints the result.
import { processFile } from '../../src/cli/process-file';

const file = process.argv[2]!;
const result = processFile(
  { path: file, realPath: file, displayPath: 'probe.js' },
  {
    name: 'uses-jscodeshift',
    entries: [
      {
        name: 'uses-jscodeshift',
        language: 'javascript',
        extensions: ['js'],
        description: 'a transform written against the jscodeshift API',
        run: (info, api) => api.jscodeshift(info.source).toSource(),
      },
    ],
  },
  { dry: true, diff: false, transformOptions: {} },
);
process.stdout.write(JSON.stringify(result));
