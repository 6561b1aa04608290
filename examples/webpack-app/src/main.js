import './tracing';

// Set once per page load: a full reload would replace it (test/browser/hmr.test.ts checks it survives).
window.__pageLoadMarker ??= `${Date.now()}-${Math.random()}`;
