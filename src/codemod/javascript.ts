// JavaScript and TypeScript as a language of the core: the codemods parse with Babel in estree
// mode (src/codemod/parser.ts), so the JavaScript checks see the same ESTree ESLint gives the rules.
import { mayBeHotStartFile, mayBeStartFile, mayHaveModel } from '../analysis';
import type { Node } from '../ast/node';
import type { Language } from '../core/language';
import { describeParseFailure, ParseError } from '../core/language';
import { analysisParserFor } from './parser';

export const javascript: Language<Node> = {
  id: 'javascript',
  extensions: ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'],
  mayHaveFindings: (file, settings) => mayHaveModel(file.text, file.path, settings),
  init: () => Promise.resolve(),
  parse(file) {
    try {
      return analysisParserFor(file.path).parse(file.text).program as Node;
    } catch (error) {
      throw new ParseError(file.path, describeParseFailure(error), error);
    }
  },
};

/**
 * JavaScript for the HMR transforms: also a file that imports no OpenTelemetry module but, in a hot
 * module, starts an SDK a project module exports (HM1), so what `require-hmr-dispose` reports
 * there is listed for a human.
 */
export const javascriptWithHotStartFiles: Language<Node> = {
  ...javascript,
  mayHaveFindings: (file, settings) => javascript.mayHaveFindings(file, settings) || mayBeHotStartFile(file.text, file.path, settings),
};

/**
 * JavaScript for the transforms of rules that check every start file (`require-shutdown-handler`:
 * an SDK a project module's factory builds, started here), hot or not.
 */
export const javascriptWithStartFiles: Language<Node> = {
  ...javascript,
  mayHaveFindings: (file, settings) => javascript.mayHaveFindings(file, settings) || mayBeStartFile(file.text, file.path, settings),
};
