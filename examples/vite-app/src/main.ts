import './tracing';

// Set once per page load: a full reload would replace it (test/browser/hmr.test.ts checks it survives).
const page = window as typeof window & { __pageLoadMarker?: string };
page.__pageLoadMarker ??= `${Date.now()}-${Math.random()}`;
