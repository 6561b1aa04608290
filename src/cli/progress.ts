import type { TextSink } from './io';

/** Below this many files a run is short enough that a progress line would only flicker. */
export const PROGRESS_MIN_FILES = 20;
const REDRAW_MS = 100;

export interface Progress {
  update(done: number): void;
  /** Erases the line, so the report starts on a clean line. */
  clear(): void;
}

const NO_PROGRESS: Progress = { update() {}, clear() {} };

/**
 * A single line on stderr, redrawn in place with `\r`. Only on a terminal: in CI logs
 * and hook output, carriage returns would pile up as garbage lines.
 */
export function createProgress(stderr: TextSink, enabled: boolean, label: string, total: number): Progress {
  if (!enabled || total <= PROGRESS_MIN_FILES) return NO_PROGRESS;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done) {
      const now = Date.now();
      if (done < total && now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      drawn = true;
      stderr.write(`\r\x1b[K${label}: ${done}/${total} files (${Math.floor((done / total) * 100)}%)`);
    },
    clear() {
      if (drawn) stderr.write('\r\x1b[K');
    },
  };
}
