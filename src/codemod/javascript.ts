// JavaScript and TypeScript as a language of the core: the codemods parse with Babel in estree
// mode (src/codemod/parser.ts), so the JavaScript checks see the same ESTree ESLint gives the rules.
import { mayHaveModel } from '../analysis';
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
