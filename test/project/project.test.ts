// Project-file awareness: package.json scripts, nodemon config, dev entrypoints; never throws.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devEntrypointEvidence, devEntrypointReason, getProjectInfo, isRunByProdScript, parseScript } from '../../src/project';
import { parseCommandLine } from '../../src/project/shell';

const p = (rel: string) => join(__dirname, '..', 'fixtures', 'projects', rel);

describe('parseScript', () => {
  it('knows the restart signal of a single watcher (holdout3 B5)', () => {
    expect(parseScript('tsx watch src/main.ts').restarter).toBe('SIGTERM');
    // nodemon's signal comes from its flags or config (resolved per project); its own `--watch` is no second watcher
    expect(parseScript('nodemon --watch src --exec tsx src/server.ts').restarter).toBe('nodemon');
    // a watcher whose restart signal was not checked, and two watchers in one line: unknown
    expect(parseScript('ts-node-dev --respawn src/server.ts').restarter).toBeUndefined();
    expect(parseScript('bun --watch src/index.ts').restarter).toBeUndefined();
    expect(parseScript('node --watch --import ./otel.mjs server.mjs').restarter).toBeUndefined();
    // node --watch restarts with SIGTERM and waits for the exit (holdout6 FP9): known, but no restart exemption
    expect(parseScript('node --watch --import ./otel.mjs server.mjs').nodeWatch).toBe(true);
    expect(parseScript('nodemon --watch src server.js').nodeWatch).toBe(false);
    expect(parseScript('bun --watch src/index.ts').nodeWatch).toBe(false);
    expect(parseScript('tsc-watch --onSuccess "node --watch dist/index.js"').restarter).toBeUndefined();
    expect(parseScript('node server.js').restarter).toBeUndefined();
    // holdout4 B8: `nest start --watch` restarts with SIGTERM (whether that flushes depends on enableShutdownHooks)
    expect(parseScript('NODE_ENV=development nest start --debug --watch').restarter).toBe('nest');
    expect(parseScript('nest start').restarter).toBeUndefined();
  });
  it('finds run and preloaded files, watch tools, nodemon and its signal', () => {
    expect(parseScript('nodemon src/index.js')).toMatchObject({ files: ['src/index.js'], nodemon: true, watch: true });
    expect(parseScript('node --watch --import ./telemetry.mjs server.mjs')).toMatchObject({ files: ['./telemetry.mjs', 'server.mjs'], watch: true, nodemon: false });
    expect(parseScript('tsx watch src/main.ts').watch).toBe(true);
    expect(parseScript("NODE_OPTIONS='--require ./src/otel.cjs' ts-node-dev src/app.ts")).toMatchObject({ files: ['./src/otel.cjs', 'src/app.ts'], watch: true });
    expect(parseScript('node -r ./otel.js --require=./b.js dist/main.js').files).toEqual(['./otel.js', './b.js', 'dist/main.js']);
    expect(parseScript('nodemon --signal SIGTERM app.js').signal).toBe('SIGTERM');
    expect(parseScript('node server.js').watch).toBe(false);
    // nodemon's exec command is one quoted word: read as a command line of its own
    expect(parseScript('nodemon --watch src --ext ts --exec "node --loader ts-node/esm src/index.ts"')).toMatchObject({ files: ['ts-node/esm', 'src/index.ts'], nodemon: true, watch: true });
    expect(parseScript("nodemon --exec='tsx -r ./otel.ts' app.ts").files).toEqual(['./otel.ts', 'app.ts']);
    // an entry named without its extension (a file or a directory) after a runner; a flag's value is none (holdout6 B13)
    expect(parseScript('nodemon -w ./src --exec babel-node ./src/server').files).toEqual(['./src/server']);
    expect(parseScript('node --watch --inspect ./src/server').files).toEqual(['./src/server']);
    expect(parseScript('nodemon --watch ./src').files).toEqual([]);
    expect(parseScript('rimraf ./dist').files).toEqual([]);
    // the command a build watcher restarts after each build
    expect(parseScript('tsc-watch --noClear --onSuccess "node ./dist/index.js"')).toMatchObject({ files: ['./dist/index.js'], watch: true });
    expect(parseScript('tsup --watch --onSuccess "node --require ./dist/otel.js dist/index.js"')).toMatchObject({ files: ['./dist/otel.js', 'dist/index.js'], watch: true });
    // bun --hot reloads in place; bun --watch restarts
    expect(parseScript('bun run --hot --preload ./src/otel.ts src/index.ts')).toMatchObject({ files: ['./src/otel.ts', 'src/index.ts'], hotInPlace: true, watch: false });
    expect(parseScript('bun --watch src/index.ts')).toMatchObject({ hotInPlace: false, watch: true });
    // fastify-cli hands what follows `--` to the app plugin as options, not to node
    expect(parseScript('fastify start -w -l info server.js -- --require ./otel.mjs')).toMatchObject({ files: ['server.js'], watch: false });
    expect(parseScript('node -r ./otel.js -- app.js').files).toEqual(['./otel.js', 'app.js']);
  });

  it("reads the commands concurrently runs as commands of the script (holdout3 B6)", () => {
    expect(parseScript('concurrently "tsc --watch" "nodemon -r ./dist/otel.js dist/web-server"')).toMatchObject({ files: ['./dist/otel.js'], nodemon: true, watch: true });
    // options with a value are not commands; `npm:` shortcuts are `npm run`
    expect(parseScript('npx concurrently -k -n api,web -c blue,green "node --watch -r ./otel.js api.js" npm:web').files).toEqual(['./otel.js', 'api.js']);
    expect(parseCommandLine('concurrently --names=a,b "npm:dev:*" "NODE_OPTIONS=--require=./o.js node s.js"')).toEqual([
      { env: {}, argv: ['npm', 'run', 'dev:*'] },
      { env: { NODE_OPTIONS: '--require=./o.js' }, argv: ['node', 's.js'] },
    ]);
    expect(parseCommandLine('FOO=1 concurrently "BAR=2 node a.js"')).toEqual([{ env: { FOO: '1', BAR: '2' }, argv: ['node', 'a.js'] }]);
  });

  it('tells a script that restarts or re-evaluates what it runs from one that runs it once (holdout3 B7)', () => {
    expect(parseScript("NODE_OPTIONS='--require ./otel.js' next dev")).toMatchObject({ files: ['./otel.js'], devServer: true, watch: false });
    expect(parseScript('vite')).toMatchObject({ devServer: true });
    expect(parseScript('vite --port 3000').devServer).toBe(true);
    expect(parseScript('next build').devServer).toBe(false);
    expect(parseScript('vite build').devServer).toBe(false);
    expect(parseScript('node --watch-path=./src server.js').watch).toBe(true);
    expect(parseScript('ts-node --transpile-only src/server.ts')).toMatchObject({ watch: false, devServer: false, hotInPlace: false });
    expect(parseScript('NODE_ENV=development tsx server/index.ts')).toMatchObject({ watch: false, devServer: false });
  });
});

describe('getProjectInfo', () => {
  it('reads scripts and nodemon configuration', () => {
    expect(getProjectInfo(p('lifecycle-nodemon-app/src/index.js'))).toMatchObject({ usesNodemon: true, nodemonSignal: 'SIGUSR2' });
    expect(getProjectInfo(p('lifecycle-nodemon-signal/src/index.js'))).toMatchObject({ usesNodemon: true, nodemonSignal: 'SIGTERM' });
    expect(getProjectInfo(p('lifecycle-nodemon-json/src/index.js')).usesNodemon).toBe(true);
    expect(getProjectInfo(p('lifecycle-plain-app/src/index.js')).usesNodemon).toBe(false);
  });

  it('treats a malformed package.json as absent and never throws', () => {
    const info = getProjectInfo(p('lifecycle-malformed/src/otel.js'));
    expect(info.packageJson).toBeUndefined();
    expect(info.usesNodemon).toBe(false);
    expect(devEntrypointReason(p('lifecycle-malformed/src/otel.js'))).toBeUndefined();
  });
});

describe('devEntrypointReason', () => {
  it('counts a module imported by a dev entry only under a script that restarts it (holdout3 B7); the entry itself is one (SPEC)', () => {
    // SPEC's dev entrypoint: the file a dev-like script runs, even once
    expect(devEntrypointEvidence(p('dev-once-ts-node/src/server.ts'))).toEqual({ reason: 'script', why: 'the dev script "dev" runs it', runsOnce: true });
    // the module it imports: the batch is lost only when the process is stopped, require-shutdown-handler's report
    expect(devEntrypointReason(p('dev-once-ts-node/src/otel.ts'))).toBeUndefined();
    expect(getProjectInfo(p('dev-once-and-watch/src/server.ts')).devScripts.get(p('dev-once-and-watch/src/server.ts'))).toBe('dev:watch');
  });


  it('matches the default globs and settings globs', () => {
    expect(devEntrypointReason('src/otel.dev.ts')).toBe('glob');
    expect(devEntrypointReason('src/otel.development.js')).toBe('glob');
    expect(devEntrypointReason('dev.ts')).toBe('glob');
    expect(devEntrypointReason('src/dev/tracing.ts')).toBe('glob');
    expect(devEntrypointReason('src/device.ts')).toBeUndefined();
    expect(devEntrypointReason(p('lifecycle-plain-app/src/local-otel.ts'), ['src/local-*.ts'])).toBe('glob');
  });

  it('finds files that dev-like scripts run or preload', () => {
    expect(devEntrypointReason(p('lifecycle-watch-app/telemetry.mjs'))).toBe('script');
    expect(devEntrypointReason(p('lifecycle-watch-app/server.mjs'))).toBe('script');
    expect(devEntrypointReason(p('lifecycle-tsx-app/src/otel.cjs'))).toBe('script');
    expect(devEntrypointReason(p('lifecycle-nodemon-json/src/otel.js'))).toBe('script');
    expect(devEntrypointReason(p('lifecycle-plain-app/src/otel.js'))).toBeUndefined();
    // a bare `nodemon` runs the package's main
    expect(devEntrypointReason(p('lifecycle-nodemon-main/server.js'))).toBe('script');
    expect(getProjectInfo(p('lifecycle-nodemon-main/server.js')).usesNodemon).toBe(true);
    expect(isRunByProdScript(p('lifecycle-plain-app/src/otel.js'))).toBe(true);
  });
});
