// The mistake: this module accepts its own hot updates (`module.hot.accept()`), so every edit
// re-evaluates it. Each evaluation builds a provider whose registration the API ignores, and a new
// FetchInstrumentation that wraps `fetch` once more: one more span per fetch after every edit.
// `npx otel-codemod add-hmr-dispose src/tracing.js` rewrites it to reuse the running setup.
import { SimpleSpanProcessor, WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';

const receiver = new URLSearchParams(location.search).get('receiver') ?? 'http://127.0.0.1:4318';
window.__tracingEvaluations = (window.__tracingEvaluations ?? 0) + 1;

/** Posts finished spans as JSON (text/plain keeps the request CORS-simple). */
class JsonExporter {
  export(spans, done) {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${receiver}/spans`);
    xhr.setRequestHeader('content-type', 'text/plain');
    xhr.onloadend = () => done({ code: 0 });
    xhr.send(JSON.stringify(spans.map((s) => ({ name: s.name, url: s.attributes['http.url'] ?? s.attributes['url.full'] }))));
  }
  shutdown() {
    return Promise.resolve();
  }
}

const provider = new WebTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new JsonExporter())] });
provider.register();
registerInstrumentations({ instrumentations: [new FetchInstrumentation()] });

if (module.hot) {
  module.hot.accept();
}
