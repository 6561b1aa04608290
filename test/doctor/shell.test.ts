// The command-line reader behind doctor's script, nodemon and Dockerfile entrypoints.
import { describe, expect, it } from 'vitest';
import { registrationWords, scanSpecifiers } from '../../src/doctor/import-graph';
import { describeInvocation, parseCommandLine, parseDockerfile } from '../../src/project/shell';

function launches(line: string) {
  return parseCommandLine(line).map((inv) => {
    const l = describeInvocation(inv);
    return l && { runner: l.runner, script: l.script, preloads: l.preloads.map((p) => p.specifier), watcher: l.watcher, runsScript: l.runsScript };
  });
}

describe('parseCommandLine + describeInvocation', () => {
  it('reads node with preload flags in every spelling', () => {
    expect(launches('node -r ./a.js --require=b --import ./c.mjs --enable-source-maps dist/main.js --port 3')).toEqual([
      { runner: 'node', script: 'dist/main.js', preloads: ['./a.js', 'b', './c.mjs'], watcher: undefined, runsScript: undefined },
    ]);
  });

  it('reads NODE_OPTIONS from env assignments and cross-env', () => {
    expect(launches(`cross-env NODE_ENV=production NODE_OPTIONS="--require @opentelemetry/auto-instrumentations-node/register" node server.js`)[0]).toMatchObject({
      script: 'server.js',
      preloads: ['@opentelemetry/auto-instrumentations-node/register'],
    });
  });

  it('knows the watchers', () => {
    expect(launches('nodemon -w src -e ts,js --exec "tsx -r ./otel.ts" src/index.ts')[0]).toMatchObject({ runner: 'nodemon', script: 'src/index.ts', preloads: ['./otel.ts'], watcher: 'nodemon' });
    expect(launches('node --watch src/index.js')[0]).toMatchObject({ script: 'src/index.js', watcher: 'node --watch' });
    expect(launches('tsx watch --clear-screen=false src/index.ts')[0]).toMatchObject({ script: 'src/index.ts', watcher: 'tsx watch' });
    expect(launches('ts-node-dev --respawn --transpile-only src/index.ts')[0]).toMatchObject({ script: 'src/index.ts', watcher: 'ts-node-dev' });
    expect(launches('npx nodemon')[0]).toMatchObject({ runner: 'nodemon', script: undefined });
  });

  it('splits compound commands and follows script references', () => {
    expect(launches("npm run build && NODE_OPTIONS='-r ./t.js' npm start; echo done")).toEqual([
      { runner: 'npm', script: undefined, preloads: [], watcher: undefined, runsScript: 'build' },
      { runner: 'npm', script: undefined, preloads: ['./t.js'], watcher: undefined, runsScript: 'start' },
      undefined,
    ]);
  });

  it('ignores eval and non-node commands', () => {
    expect(launches('node -e "require(\'./x\')"')[0]).toMatchObject({ script: undefined });
    expect(launches('tsc -p . && eslint .')).toEqual([undefined, undefined]);
  });
});

describe('parseDockerfile', () => {
  it('joins continuation lines, keeps the first line number and skips comments', () => {
    const ins = parseDockerfile('FROM node:20\n# comment\nENV A=1 \\\n    NODE_OPTIONS="--require x"\nCMD ["node", "dist/server.js"]\n');
    expect(ins.map((i) => [i.op, i.line])).toEqual([
      ['FROM', 1],
      ['ENV', 3],
      ['CMD', 5],
    ]);
    expect(ins[1]!.args).toContain('NODE_OPTIONS="--require x"');
  });
});

describe('scanSpecifiers', () => {
  it('finds every runtime import form and skips type-only imports and comments', () => {
    const text = `
import a from './a';
import { b } from "./b.js";
import './side-effect';
import type { T } from './types';
export * from './re-export';
export { c } from './c';
const d = require('./d');
const e = await import('./e');
import f = require('./f');
// import g from './commented';
/* require('./block-commented') */
const url = 'http://example.com/x'; // a string with // inside
`;
    expect(scanSpecifiers(text)).toEqual(['./a', './b.js', './side-effect', './re-export', './c', './d', './e', './f']);
  });

  it('reads an import split by a block comment, and one after a long multi-line header', () => {
    const header = `/*\n${' * licensed under terms that mention import x from "./not-real";\n'.repeat(50)} */\n`;
    const text = `${header}import/* a note */ a from/* b */'./a';\nconst b = require(/* why */'./b');\nexport * from /*\n multi-line\n*/ './c';\n`;
    expect(scanSpecifiers(text)).toEqual(['./a', './b', './c']);
  });
});

describe('registrationWords', () => {
  it('matches every way to spell a registration and skips tracer use', () => {
    const re = registrationWords({ registrars: [{ module: '@acme/otel', export: 'bootTelemetry', kind: 'sdk-start' }] });
    for (const text of ['sdk.start();', 'provider.register()', "sdk['start']()", 'trace.setGlobalTracerProvider(p)', 'registerOTel({})', 'startNodeSDK()', 'Sentry.init({})', 'registerInstrumentations({})', "import '@opentelemetry/auto-instrumentations-node/register';", 'bootTelemetry()', 'H.init({ projectID })', 'opentelemetry({ instrumentations })']) {
      expect(re.test(text), text).toBe(true);
    }
    for (const text of ["tracer.startActiveSpan('x', (s) => s.end())", "trace.getTracer('a').startSpan('b')", 'const restart = 1; registered();', "import { trace } from '@opentelemetry/api';"]) {
      expect(re.test(text), text).toBe(false);
    }
  });
});
