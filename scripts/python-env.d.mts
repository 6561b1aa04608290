// Types for scripts/python-env.mjs (imported by test/python/support/runtime.ts).
export declare const PYTHON_SETS: Record<string, string>;
export declare function venvDir(name: string): string;
export declare function venvPython(name: string): string;
export declare function isCurrent(name: string, version?: string): boolean;
export declare function ensureVenv(name: string): { set: string; dir: string; action: 'current' | 'created'; seconds: number };
