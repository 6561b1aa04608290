// Deep ASTs for tests of our own code's depth limits: the file is parsed in a worker thread
// with a very large stack (so the parser is not the limit), sent back as JSON (V8's JSON.parse
// is iterative), and the plugin's rules run on it directly, without ESLint's own recursive
// scope analysis and traversal. What fails here fails in otel-safe code.
import { Worker } from 'node:worker_threads';
import plugin from '../../src/index';
import type { Node } from '../../src/ast/node';

const PARSE_IN_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const espree = require(workerData.espree);
const ast = espree.parse(workerData.text, { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true });
parentPort.postMessage(JSON.stringify(ast));
`;

/** Parses `text` with espree (as ESLint would) on a 1 GB stack. */
export function parseWithLargeStack(text: string): Promise<Node> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PARSE_IN_WORKER, {
      eval: true,
      workerData: { text, espree: require.resolve('espree') },
      resourceLimits: { stackSizeMb: 1024 },
    });
    worker.once('message', (json: string) => resolve(JSON.parse(json) as Node));
    worker.once('error', reject);
  });
}

export interface RuleReport {
  readonly ruleId: string;
  readonly messageId: string;
  readonly data?: Record<string, unknown>;
}

/** Runs every rule of the plugin on a parsed file, the way ESLint calls them (create, then `Program`). */
export function runRules(program: Node, text: string, filename: string): RuleReport[] {
  const reports: RuleReport[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const sourceCode = {
    text,
    ast: program,
    getLocFromIndex(index: number) {
      let line = lineStarts.length - 1;
      while (lineStarts[line]! > index) line--;
      return { line: line + 1, column: index - lineStarts[line]! };
    },
  };
  for (const [name, rule] of Object.entries(plugin.rules)) {
    const context = {
      id: `otel-safe/${name}`,
      options: [],
      settings: {},
      filename,
      physicalFilename: filename,
      cwd: process.cwd(),
      sourceCode,
      report: (d: { messageId: string; data?: Record<string, unknown> }) => reports.push({ ruleId: name, messageId: d.messageId, data: d.data }),
    };
    const listener = (rule as unknown as { create(c: unknown): { Program?(p: Node): void } }).create(context);
    listener.Program?.(program);
  }
  return reports;
}
