// What makes code run more than once per process, as the analyses describe it.
import type { Node } from '../ast/node';

export type RerunKind =
  | 'loop'
  | 'interval'
  | 'request-handler'
  | 'middleware'
  | 'route-handler'
  | 'serverless-handler'
  | 'react-component'
  | 'react-hook'
  | 'react-effect'
  | 'constructor'
  | 'class-method'
  | 'event-listener'
  | 'exported-function'
  | 'called-repeatedly';

export interface RerunContext {
  readonly kind: RerunKind;
  /** The function or loop that re-runs. */
  readonly boundary: Node;
  /** Name of that function when it has one. */
  readonly name: string | undefined;
  /** Human description for messages: "a request handler", "the constructor of `TelemetryService`". */
  readonly description: string;
}
