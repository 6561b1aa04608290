// env-exporter-endpoint (Python): a literal endpoint becomes
//   endpoint=None if os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") else "<literal>"
// so the exporter reads the environment whenever it is set (None is what "omitted" means to
// every exporter here, and an HTTP exporter appends /v1/<signal> to the generic variable
// itself), and the literal stays the fallback: nothing changes where neither is set.
import type { TextEdit } from '../../core/edits';
import type { PyModel } from '../../python/model';
import type { PyNode } from '../../python/nodes';
import type { PyEnvEndpoint } from '../../python/table';
import { ensureModule } from './text';

export function planEnvFirstEndpoint(model: PyModel, literal: PyNode, env: PyEnvEndpoint): TextEdit[] | undefined {
  const os = ensureModule(model, 'os');
  const quote = model.text[literal.range[0]] === "'" ? "'" : '"';
  const read = (name: string): string => `${os.name}.environ.get(${quote}${name}${quote})`;
  const condition = env.generic !== env.signal ? `${read(env.signal)} or ${read(env.generic)}` : read(env.signal);
  const original = model.text.slice(literal.range[0], literal.range[1]);
  return [...os.edits, { range: [literal.range[0], literal.range[1]], text: `None if ${condition} else ${original}` }];
}
