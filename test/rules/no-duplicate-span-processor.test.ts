import rule from '../../rules/no-duplicate-span-processor';
import { createRuleTester } from '../support/rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('no-duplicate-span-processor', rule, {
  valid: [
    '',
    // one processor per exporter
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, SimpleSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new NodeSDK({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter()), new SimpleSpanProcessor(new ConsoleSpanExporter())] }).start();
    `,
    // two OTLP exporters to different endpoints
    `
import { NodeTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const a = new OTLPTraceExporter({ url: process.env.A });
const b = new OTLPTraceExporter({ url: process.env.B });
new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(a), new BatchSpanProcessor(b)] }).register();
    `,
    // traceExporter alone
    `
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');
new NodeSDK({ traceExporter: new OTLPTraceExporter() }).start();
    `,
    // registerOTel wraps traceExporter in its own batch processor: not ignored
    `
import { registerOTel } from '@vercel/otel';
import { SimpleSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
registerOTel({ serviceName: 'x', traceExporter: 'auto', spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] });
    `,
    // attached in mutually exclusive branches
    `
const { BasicTracerProvider, SimpleSpanProcessor, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const provider = new BasicTracerProvider();
const exporter = new OTLPTraceExporter();
if (process.env.NODE_ENV === 'development') provider.addSpanProcessor(new SimpleSpanProcessor(exporter));
else provider.addSpanProcessor(new BatchSpanProcessor(exporter));
    `,
    // holdout4 D3 (valid): different exporters pushed into an array, one processor each through forEach / for…of
    `
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { ZipkinExporter } = require('@opentelemetry/exporter-zipkin');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const provider = new NodeTracerProvider();
const sinks = [new ZipkinExporter({ url: process.env.ZIPKIN })];
if (process.env.OTLP) sinks.push(new OTLPTraceExporter({ url: process.env.OTLP }));
sinks.push(new ZipkinExporter({ url: process.env.OTHER_ZIPKIN }));
sinks.forEach((sink) => provider.addSpanProcessor(new BatchSpanProcessor(sink)));
for (const sink of sinks) provider.addSpanProcessor(new BatchSpanProcessor(new OTLPTraceExporter({ url: process.env.OTHER })));
    `,
    // equal exporters pushed in exclusive branches
    `
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { ZipkinExporter } = require('@opentelemetry/exporter-zipkin');
const provider = new NodeTracerProvider();
const sinks = [];
if (process.env.A) sinks.push(new ZipkinExporter({ url: process.env.Z }));
else sinks.push(new ZipkinExporter({ url: process.env.Z }));
sinks.forEach((sink) => provider.addSpanProcessor(new BatchSpanProcessor(sink)));
    `,
    // an array changed in ways we cannot follow (a spread push, an element removed) is not read
    `
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { ZipkinExporter } = require('@opentelemetry/exporter-zipkin');
const provider = new NodeTracerProvider();
const sinks = [new ZipkinExporter({ url: process.env.Z })];
sinks.push(new ZipkinExporter({ url: process.env.Z }));
sinks.pop();
sinks.forEach((sink) => provider.addSpanProcessor(new BatchSpanProcessor(sink)));
    `,
  ],
  invalid: [
    // holdout4 D3: the same \`if\` block written twice pushes two equal exporters; the forEach gives each its own
    // batch processor, so every span goes to Zipkin twice. Reported at the second exporter, with no edit: the
    // loop's processor serves every element, and dropping the push would leave its branch behind
    {
      code: `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { ZipkinExporter } = require('@opentelemetry/exporter-zipkin');
const { JaegerExporter } = require('@opentelemetry/exporter-jaeger');
const provider = new NodeTracerProvider();
const sinks = [new JaegerExporter()];
if (process.env.ZIPKIN) {
  sinks.push(new ZipkinExporter({ url: process.env.ZIPKIN }));
}
if (process.env.ZIPKIN) {
  sinks.push(new ZipkinExporter({ url: process.env.ZIPKIN }));
}
sinks.forEach((sink) => {
  provider.addSpanProcessor(new BatchSpanProcessor(sink, { scheduledDelayMillis: 500 }));
});
provider.register();
`,
      errors: [
        {
          messageId: 'exporterBehindTwoProcessors',
          line: 11,
          data: { exporter: 'new ZipkinExporter({ url: process.env.ZIPKIN })', first: 'BatchSpanProcessor', label: 'BatchSpanProcessor', line: '8', fix: '' },
          suggestions: [],
        },
      ],
    },
    // the same through \`for…of\`
    {
      code: `import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
const provider = new BasicTracerProvider();
const sinks = [new ZipkinExporter({ url: process.env.ZIPKIN })];
sinks.push(new ZipkinExporter({ url: process.env.ZIPKIN }));
for (const sink of sinks) provider.addSpanProcessor(new BatchSpanProcessor(sink));
`,
      errors: [{ messageId: 'exporterBehindTwoProcessors', line: 5, suggestions: [] }],
    },
    // the ignored traceExporter is the very object the winning processor wraps: it still gets every span,
    // so the message says the option is dead, not that spans are lost (holdout2)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
const traceExporter = new OTLPTraceExporter();
const spanProcessor = new BatchSpanProcessor(traceExporter);
new NodeSDK({ traceExporter, spanProcessor }).start();
new NodeSDK({ traceExporter, spanProcessors: [new BatchSpanProcessor(traceExporter)] }).start();
`,
      errors: [
        { messageId: 'traceExporterRedundant', line: 6, suggestions: 1 as unknown as readonly never[] },
        { messageId: 'traceExporterRedundant', line: 7, suggestions: 1 as unknown as readonly never[] },
      ],
    },
    // holdout4 D4: the exporter read as a property of a const object both times is one object; the same property
    // of another object is another exporter, and the option is reported as ignored
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const makeExporters = () => ({ traceExporter: new OTLPTraceExporter() });
const exporters = makeExporters();
new NodeSDK({ traceExporter: exporters.traceExporter, spanProcessors: [new BatchSpanProcessor(exporters.traceExporter)] }).start();
const other = makeExporters();
new NodeSDK({ traceExporter: exporters.traceExporter, spanProcessors: [new BatchSpanProcessor(other.traceExporter)] }).start();
`,
      errors: [
        { messageId: 'traceExporterRedundant', line: 6, suggestions: 1 as unknown as readonly never[] },
        { messageId: 'traceExporterIgnored', line: 8, suggestions: 1 as unknown as readonly never[] },
      ],
    },
    // holdout3 D2: a second, equal construction (same class, same arguments) is another object, but the spans
    // go where the ignored one would send them: the option is dead, nothing is lost (as for double export,
    // equal constructions count as one exporter)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
const traceExporter = new OTLPTraceExporter();
new NodeSDK({ traceExporter, spanProcessor: new BatchSpanProcessor(new OTLPTraceExporter()) }).start();
`,
      errors: [{ messageId: 'traceExporterRedundant', line: 5, suggestions: 1 as unknown as readonly never[] }],
    },
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
export const sdk = new NodeSDK({
  traceExporter: new ZipkinExporter({ url: process.env.TRACE_SINK || 'http://localhost:9411/api/v2/spans' }),
  spanProcessor: new SimpleSpanProcessor(new ZipkinExporter({ url: process.env.TRACE_SINK || 'http://localhost:9411/api/v2/spans' })),
});
`,
      errors: [
        {
          messageId: 'traceExporterRedundant',
          line: 5,
          data: {
            option: 'traceExporter',
            winner: 'spanProcessor',
            sdk: 'NodeSDK',
            value: "new ZipkinExporter({ url: process.env.TRACE_SINK || 'http://localhost:9411/api/v2/spans' })",
            reach: "the spans still go where `new ZipkinExporter({ url: process.env.TRACE_SINK || 'http://localhost:9411/api/v2/spans' })` would send them: that processor wraps an equal `ZipkinExporter` (same class and options)",
            fix: ' (`npx otel-codemod dedupe-span-processors`)',
          },
          suggestions: 1 as unknown as readonly never[],
        },
      ],
    },
    // other options: another destination, whose exporter gets no spans
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
new NodeSDK({
  traceExporter: new ZipkinExporter({ url: 'http://zipkin-a:9411/api/v2/spans' }),
  spanProcessors: [new SimpleSpanProcessor(new ZipkinExporter({ url: 'http://zipkin-b:9411/api/v2/spans' }))],
}).start();
`,
      errors: [{ messageId: 'traceExporterIgnored', line: 5, suggestions: 1 as unknown as readonly never[] }],
    },
    // one exporter binding behind Simple and Batch (positional)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const exporter = new OTLPTraceExporter();
new NodeSDK({ spanProcessors: [new SimpleSpanProcessor(exporter), new BatchSpanProcessor(exporter)] }).start();
`,
      filename: 'tracing.ts',
      errors: [
        {
          messageId: 'exporterBehindTwoProcessors',
          suggestions: [
            {
              messageId: 'removeProcessor',
              output: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const exporter = new OTLPTraceExporter();
new NodeSDK({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).start();
`,
            },
          ],
        },
      ],
    },
    // options shape (sdk-trace) and equivalent constructions
    {
      code: `const { TracerProvider, SimpleSpanProcessor, BatchSpanProcessor } = require('@opentelemetry/sdk-trace');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const provider = new TracerProvider({
  spanProcessors: [
    new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: process.env.U }) }),
    new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({url: process.env.U}) }),
  ],
});
`,
      errors: [
        {
          messageId: 'exporterBehindTwoProcessors',
          line: 6,
          suggestions: [
            {
              messageId: 'removeProcessor',
              output: `const { TracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const provider = new TracerProvider({
  spanProcessors: [
    new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: process.env.U }) }),
  ],
});
`,
            },
          ],
        },
      ],
    },
    // the same processor twice
    {
      code: `import { NodeTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
const p = new BatchSpanProcessor(new ConsoleSpanExporter());
new NodeTracerProvider({ spanProcessors: [p, p] }).register();
`,
      errors: [
        {
          messageId: 'processorListedTwice',
          suggestions: [
            {
              messageId: 'removeProcessor',
              output: `import { NodeTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
const p = new BatchSpanProcessor(new ConsoleSpanExporter());
new NodeTracerProvider({ spanProcessors: [p] }).register();
`,
            },
          ],
        },
      ],
    },
    // 1.x attach API: addSpanProcessor twice with the same exporter
    {
      code: `const { BasicTracerProvider, SimpleSpanProcessor, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { ZipkinExporter } = require('@opentelemetry/exporter-zipkin');
const provider = new BasicTracerProvider();
const zipkin = new ZipkinExporter();
provider.addSpanProcessor(new SimpleSpanProcessor(zipkin));
provider.addSpanProcessor(new BatchSpanProcessor(zipkin));
provider.register();
`,
      errors: [
        {
          messageId: 'exporterBehindTwoProcessors',
          line: 6,
          suggestions: [
            {
              messageId: 'removeProcessor',
              output: `const { BasicTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { ZipkinExporter } = require('@opentelemetry/exporter-zipkin');
const provider = new BasicTracerProvider();
const zipkin = new ZipkinExporter();
provider.addSpanProcessor(new SimpleSpanProcessor(zipkin));
provider.register();
`,
            },
          ],
        },
      ],
    },
    // corpus shape: traceExporter next to spanProcessors
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

const sdk = new NodeSDK({
  traceExporter: new OTLPTraceExporter(),
  spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
});
sdk.start();
`,
      filename: 'tracing.ts',
      errors: [
        {
          messageId: 'traceExporterIgnored',
          line: 6,
          suggestions: [
            {
              messageId: 'removeIgnoredOption',
              output: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';

const sdk = new NodeSDK({
  spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
});
sdk.start();
`,
            },
          ],
        },
      ],
    },
    // deprecated singular spanProcessor is ignored too (options through a const)
    {
      code: `const { NodeSDK, tracing } = require('@opentelemetry/sdk-node');
const options = {
  spanProcessors: [new tracing.BatchSpanProcessor(new tracing.ConsoleSpanExporter())],
  spanProcessor: new tracing.SimpleSpanProcessor(new tracing.ConsoleSpanExporter()),
};
new NodeSDK(options).start();
`,
      errors: [
        {
          messageId: 'traceExporterIgnored',
          line: 4,
          suggestions: [
            {
              messageId: 'removeIgnoredOption',
              output: `const { NodeSDK, tracing } = require('@opentelemetry/sdk-node');
const options = {
  spanProcessors: [new tracing.BatchSpanProcessor(new tracing.ConsoleSpanExporter())],
};
new NodeSDK(options).start();
`,
            },
          ],
        },
      ],
    },
    // miss class 10: `traceExporter` next to the singular `spanProcessor`, which wins over it
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new NodeSDK({ traceExporter: new ConsoleSpanExporter(), spanProcessor: new SimpleSpanProcessor(new OTLPTraceExporter()) }).start();
`,
      filename: 'tracing.ts',
      errors: [
        {
          messageId: 'traceExporterIgnored',
          line: 4,
          suggestions: [
            {
              messageId: 'removeIgnoredOption',
              output: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new NodeSDK({ spanProcessor: new SimpleSpanProcessor(new OTLPTraceExporter()) }).start();
`,
            },
          ],
        },
      ],
    },
  ],
});
