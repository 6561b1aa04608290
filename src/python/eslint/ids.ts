/** The language id in flat config (`language: 'otel-safe/python'`). */
export const PYTHON_LANGUAGE_ID = 'otel-safe/python';
