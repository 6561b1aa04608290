// Whether a dev server's hot update re-evaluates a module (SPEC §4 "HMR context"): the
// project runs a dev server with HMR, and the module sits inside an accepting boundary —
// it is one (a React Fast Refresh component module; Vue and Svelte components are), or every
// chain of its importers ends in one, so an edit re-runs it instead of reloading the page.
// A module reached from an entry file with no boundary on the way (a tracing module imported
// by main.tsx) is replaced by a full reload: nothing runs twice. Using browser packages is not
// evidence, and a Node process never hot-swaps (Vite SSR server modules aside).
import path from 'node:path';
import { findPackageDir, readJsonObject } from '../project/files';
import { getProjectIndex, type ProjectIndex } from '../project/project-index';
import type { FileModel } from './model';

/** Why the module is re-evaluated, for messages: `src/App.tsx is a React Fast Refresh boundary`. */
export interface ReevaluationEvidence {
  readonly devServer: string;
  readonly why: string;
}

/** Dev servers that hot-update modules, by the package that brings them. */
const HMR_DEV_SERVERS: Readonly<Record<string, string>> = {
  vite: 'Vite',
  'webpack-dev-server': 'webpack-dev-server',
  next: 'Next.js',
  'react-scripts': 'Create React App (webpack-dev-server)',
  parcel: 'Parcel',
  '@parcel/core': 'Parcel',
  '@rspack/cli': 'Rspack',
  '@rsbuild/core': 'Rsbuild',
  gatsby: 'Gatsby',
  '@sveltejs/kit': 'SvelteKit (Vite)',
  nuxt: 'Nuxt (Vite)',
  astro: 'Astro (Vite)',
  '@remix-run/dev': 'Remix (Vite)',
};

/**
 * Dev servers whose React Fast Refresh comes from a plugin the project must install (Vite:
 * `@vitejs/plugin-react`; without it an edited component has no accepting boundary and Vite 2.9.14
 * sends a full reload, `dist/node/chunks/dep-c9998dc6.js:57906-57935`); the others (Next.js, Create
 * React App, Parcel, Gatsby, Remix) bring it themselves.
 */
const REFRESH_PLUGINS: Readonly<Record<string, readonly string[]>> = {
  Vite: ['@vitejs/plugin-react', '@vitejs/plugin-react-swc', '@vitejs/plugin-react-refresh', '@preact/preset-vite', '@prefresh/vite'],
  'webpack-dev-server': ['@pmmmwh/react-refresh-webpack-plugin'],
  Rspack: ['@rspack/plugin-react-refresh'],
  Rsbuild: ['@rsbuild/plugin-react'],
};

/** Component files that accept their own updates under their framework's HMR. */
const SFC = /\.(vue|svelte)$/;
const TEST_FILE = /(?:^|[\\/])(?:__tests__|__mocks__|tests?|e2e)[\\/]|\.(?:test|spec|stories)\.[cm]?[jt]sx?$/;

/** The evidence that hot updates re-evaluate the model's module, or undefined. */
export function reevaluationEvidence(model: FileModel): ReevaluationEvidence | undefined {
  const server = hmrDevServer(model.filename);
  if (!server) return undefined;
  const { devServer, deps } = server;
  const refresh = !REFRESH_PLUGINS[devServer] || REFRESH_PLUGINS[devServer]!.some((p) => deps.has(p));
  if (isViteSsrModule(model.filename, devServer)) return { devServer, why: 'the dev server re-imports this server module after every edit (Vite SSR)' };
  const index = getProjectIndex(model.filename);
  if (!index) return undefined;
  const file = path.resolve(model.filename);
  if (isBoundary(file, model.source, refresh)) return { devServer, why: `${devServer}'s Fast Refresh accepts this component module's updates` };
  const boundary = acceptingImporters(file, index, new Set(), refresh, devServer);
  return boundary && boundary !== DEAD ? { devServer, why: `${devServer} hot-updates it through ${path.relative(index.root, boundary).split(path.sep).join('/')}, which accepts its updates` } : undefined;
}

/** The HMR dev server the file's package uses (its dependencies), with those dependencies, or undefined. */
function hmrDevServer(filename: string): { devServer: string; deps: ReadonlySet<string> } | undefined {
  const dir = findPackageDir(path.dirname(path.resolve(filename)));
  const pkg = dir === undefined ? undefined : readJsonObject(path.join(dir, 'package.json'));
  if (!pkg) return undefined;
  const deps = new Set<string>();
  for (const key of ['dependencies', 'devDependencies']) {
    const listed = pkg[key];
    if (listed && typeof listed === 'object') for (const name of Object.keys(listed)) deps.add(name);
  }
  const server = [...deps].find((name) => Object.hasOwn(HMR_DEV_SERVERS, name));
  return server === undefined ? undefined : { devServer: HMR_DEV_SERVERS[server]!, deps };
}

/** SvelteKit's server hooks: Vite's SSR module graph loads them again after an edit. */
function isViteSsrModule(filename: string, devServer: string): boolean {
  return devServer.startsWith('SvelteKit') && /[\\/]src[\\/]hooks\.server\.[cm]?[jt]s$/.test(filename);
}

/** A chain of importers that ends in a module nothing loads (see `isOrphan`): no update travels it. */
const DEAD = Symbol('dead chain');

/**
 * An importer through which every update of `file` is accepted: `file` is re-evaluated only
 * when each chain of importers ends in an accepting boundary (one chain reaching an entry
 * without one means a full reload; a chain ending in dead code counts for neither). Returns one
 * boundary reached, for the message; `DEAD` when every chain is dead.
 */
function acceptingImporters(file: string, index: ProjectIndex, seen: Set<string>, refresh: boolean, devServer: string): string | typeof DEAD | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  const importers = (index.importers.get(file) ?? []).filter((f) => !TEST_FILE.test(path.relative(index.root, f)));
  if (importers.length === 0) return isOrphan(file, index, devServer) ? DEAD : undefined;
  let found: string | undefined;
  for (const importer of importers) {
    const via = isBoundary(importer, index.text(importer) ?? '', refresh) ? importer : acceptingImporters(importer, index, seen, refresh, devServer);
    if (via === DEAD) continue;
    if (!via) return undefined;
    found ??= via;
  }
  return found ?? DEAD;
}

/**
 * Next.js loads a module only through an import or as one of its own files (routes, layouts and
 * pages under `app/` or `pages/`, `middleware`, `instrumentation`, its config): a module outside
 * those that nothing imports is never evaluated (holdout8 exsense: a logger imported only by an
 * unused helper). Other dev servers' entries (index.html's scripts, bundler configs) are not read:
 * there a module without an importer may be an entry.
 */
function isOrphan(file: string, index: ProjectIndex, devServer: string): boolean {
  if (devServer !== 'Next.js') return false;
  const rel = path.relative(index.root, file).split(path.sep).join('/');
  return !/(?:^|\/)(?:app|pages)\//.test(rel) && !/(?:^|\/)(?:middleware|instrumentation(?:-client)?|next\.config)\.[cm]?[jt]sx?$/.test(rel);
}

/**
 * A module that accepts its own hot updates: a Vue or Svelte component, one that calls `hot.accept()`,
 * or, where the dev server has React Fast Refresh (`refresh`), a React module whose exports are all
 * components (PascalCase functions in a JSX file).
 */
function isBoundary(file: string, text: string, refresh: boolean): boolean {
  if (SFC.test(file)) return true;
  if (!/\.[jt]sx$/.test(file)) return false;
  if (/import\.meta\.(hot|webpackHot)\.accept\(|module\.hot\.accept\(/.test(text)) return true;
  if (!refresh) return false;
  const exported = exportedNames(text);
  return exported.length > 0 && exported.every((name) => /^[A-Z]/.test(name));
}

/** Names a module exports, read from text: `export function X`, `export const X`, `export default function X`, `export { a, b }`. */
function exportedNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/gm)) names.push(m[1]!);
  for (const m of text.matchAll(/^export\s+default\s+(?:async\s+)?(?:function|class)?\s*([A-Za-z_$][\w$]*)?/gm)) names.push(m[1] && /^[A-Z]/.test(m[1]) ? m[1] : /^export\s+default\s+(?:memo|forwardRef|observer)\(/.test(m[0]) ? 'Component' : (m[1] ?? 'default'));
  for (const m of text.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name && name !== 'type' && !part.trim().startsWith('type ')) names.push(name === 'default' ? 'default' : name);
    }
  }
  return names.filter((n) => n !== '');
}
