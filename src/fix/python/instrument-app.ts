// instrument-app: fixes what python/no-late-instrumentor reports. A statement
// `FlaskInstrumentor().instrument(...)` that runs after the app was built, in the same block,
// becomes `FlaskInstrumentor().instrument_app(app, ...)` (its keyword arguments kept); otherwise
// `FlaskInstrumentor().instrument_app(app)` is added right after `app = Flask(...)` and the
// `instrument()` call stays (apps built later from `flask.Flask` still get patched; calling
// both is harmless).
import type { TextEdit } from '../../core/edits';
import type { PyModel } from '../../python/model';
import type { AppBuild } from '../../python/model/apps';
import { statementOf } from '../../python/model/flow';
import type { PyNode } from '../../python/nodes';
import { field } from '../../python/nodes';
import { insertLineAfter } from './text';

export function planInstrumentApp(model: PyModel, call: PyNode, instrumentor: PyNode, method: string, build: AppBuild): TextEdit[] | undefined {
  const app = build.app.text!;
  const appStmt = statementOf(build.call);
  const callStmt = statementOf(call);
  const inst = model.text.slice(instrumentor.range[0], instrumentor.range[1]);
  const args = field(call, 'arguments');
  const kwargs = args ? args.children.filter((a) => a.type === 'keyword_argument').map((a) => model.text.slice(a.range[0], a.range[1])) : [];
  if (callStmt.parent === appStmt.parent && callStmt.range[0] > appStmt.range[0] && callStmt.children[0] === call && args) {
    const callee = field(call, 'function')!;
    const attr = field(callee, 'attribute')!;
    return [
      { range: [attr.range[0], attr.range[1]], text: method },
      { range: [args.range[0] + 1, args.range[0] + 1], text: kwargs.length > 0 ? `${app}, ` : app },
    ];
  }
  if (appStmt.type !== 'expression_statement') return undefined;
  return [insertLineAfter(model, appStmt, `${inst}.${method}(${[app, ...kwargs].join(', ')})`)];
}
