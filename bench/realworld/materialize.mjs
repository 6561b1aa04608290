#!/usr/bin/env node
// Writes the tree of every repository in the real-world manifest, at its pinned commit, into
// DIR/<owner>__<name>/ from local git snapshots (no network), and checks each labelled file's blob.
// Only source and project files are written: no node_modules, no binaries, nothing over 1 MB
// (lockfiles excepted up to 16 MB: no-removed-sdk-api reads installed versions from them).
//
// usage: node bench/realworld/materialize.mjs --mirrors /work/.mirror --out DIR
//          [--manifest FILE] [--only id1,id2] [--quiet]
// A snapshot of owner/name is looked up as MIRRORS/owner+name/repo (a bare git directory, or a
// clone whose git directory is repo/.git).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkoutDirName } from './checkout-dir.mjs';

const MAX_BYTES = 1024 * 1024;
const MAX_LOCKFILE_BYTES = 16 * 1024 * 1024;
const LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock']);
const BINARY_EXTENSIONS = new Set(
  ('png jpg jpeg gif webp avif ico icns bmp tiff psd svgz mp3 mp4 m4a wav ogg webm mov avi woff woff2 ttf otf eot ' +
    'zip gz tgz bz2 xz 7z rar tar jar war exe dll so dylib a o bin dat db sqlite wasm pdf doc docx xls xlsx ppt pptx ' +
    'apk ipa dmg iso class pyc node map').split(' '),
);

const here = dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2));
if (!args.mirrors || !args.out) usage('--mirrors and --out are required');
const manifestPath = resolve(args.manifest ?? join(here, 'js.manifest.json'));
const outRoot = resolve(args.out);
const only = args.only ? new Set(args.only.split(',')) : null;

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entries = manifest.filter((e) => !only || only.has(e.id));
const byRepo = groupBy(entries, (e) => `${e.repo}@${e.commit}`);

const missing = [];
const mismatched = [];
let written = 0;
for (const [key, files] of byRepo) {
  const { repo, commit } = files[0];
  const gitDir = findGitDir(resolve(args.mirrors), repo);
  if (!gitDir) {
    missing.push(`${repo}: no snapshot under ${args.mirrors} (run: fetch github:${repo})`);
    continue;
  }
  if (git(gitDir, ['cat-file', '-e', `${commit}^{commit}`]).status !== 0) {
    missing.push(`${repo}: snapshot has no commit ${commit} (the snapshot moved on; re-pin or fetch an older snapshot)`);
    continue;
  }
  const dest = join(outRoot, checkoutDirName(manifest, files[0]));
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const blobs = listBlobs(gitDir, commit);
  const count = await writeBlobs(gitDir, blobs, dest);
  written += count;
  for (const file of files) {
    const actual = git(gitDir, ['rev-parse', `${commit}:${file.path}`]).stdout.trim();
    if (actual !== file.blob) mismatched.push(`${file.id}: ${repo}:${file.path} is blob ${actual || '(absent)'}, manifest says ${file.blob}`);
    else if (!existsSync(join(dest, file.path))) mismatched.push(`${file.id}: ${file.path} was not written (binary or over the size limit?)`);
  }
  if (!args.quiet) console.log(`${key}  ${count} files -> ${dest}`);
}

console.log(`\n${byRepo.size - missing.length}/${byRepo.size} repositories materialized, ${written} files written, ${entries.length} labelled files checked.`);
if (missing.length) console.log(`\nMISSING (${missing.length}):\n  ${missing.join('\n  ')}`);
if (mismatched.length) console.log(`\nBLOB MISMATCH (${mismatched.length}):\n  ${mismatched.join('\n  ')}`);
process.exitCode = missing.length || mismatched.length ? 1 : 0;

function findGitDir(mirrors, repo) {
  const base = join(mirrors, repo.replace('/', '+'), 'repo');
  if (existsSync(join(base, '.git', 'HEAD'))) return join(base, '.git');
  if (existsSync(join(base, 'HEAD'))) return base;
  return null;
}

function git(gitDir, argv, input) {
  return spawnSync('git', [`--git-dir=${gitDir}`, ...argv], { encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
}

/** The regular files of a commit worth writing: path, blob id and size, filtered by name and size. */
function listBlobs(gitDir, commit) {
  const res = git(gitDir, ['ls-tree', '-r', '-l', '-z', '--full-tree', commit]);
  if (res.status !== 0) throw new Error(`git ls-tree failed for ${gitDir}: ${res.stderr}`);
  const out = [];
  for (const record of res.stdout.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, sha, size] = record.slice(0, tab).split(/\s+/);
    const path = record.slice(tab + 1);
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755')) continue; // no symlinks, no submodules
    const parts = path.split('/');
    if (parts.includes('node_modules') || parts.includes('.git') || parts.some((p) => p === '..')) continue;
    const name = parts[parts.length - 1];
    const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
    if (BINARY_EXTENSIONS.has(ext)) continue;
    const limit = LOCKFILES.has(name) ? MAX_LOCKFILE_BYTES : MAX_BYTES;
    if (Number(size) > limit) continue;
    out.push({ path, sha });
  }
  return out;
}

/** Streams the blobs through one `git cat-file --batch` and writes the text ones under dest. */
function writeBlobs(gitDir, blobs, dest) {
  return new Promise((resolveCount, reject) => {
    const child = spawn('git', [`--git-dir=${gitDir}`, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let pending = Buffer.alloc(0);
    let index = 0;
    let count = 0;
    child.stdout.on('data', (chunk) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        const nl = pending.indexOf(10);
        if (nl < 0) return;
        const header = pending.subarray(0, nl).toString('utf8');
        const [, kind, sizeText] = header.split(' ');
        if (kind === 'missing' || kind === undefined) {
          // a blob the snapshot lacks (over 4 MiB or LFS): skip it
          pending = pending.subarray(nl + 1);
          index++;
          continue;
        }
        const size = Number(sizeText);
        if (pending.length < nl + 1 + size + 1) return;
        const content = pending.subarray(nl + 1, nl + 1 + size);
        pending = pending.subarray(nl + 1 + size + 1);
        const { path } = blobs[index++];
        if (!content.subarray(0, 8000).includes(0)) {
          const target = join(dest, path);
          if (!target.startsWith(dest + sep)) continue;
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, content);
          count++;
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolveCount(count) : reject(new Error(`git cat-file exited ${code}`))));
    child.stdin.end(blobs.map((b) => b.sha).join('\n') + (blobs.length ? '\n' : ''));
  });
}

function groupBy(items, keyOf) {
  const map = new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(item);
  }
  return map;
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quiet') out.quiet = true;
    else if (a === '--mirrors' || a === '--out' || a === '--manifest' || a === '--only') out[a.slice(2)] = argv[++i];
    else usage(`unknown option ${a}`);
  }
  return out;
}

function usage(problem) {
  console.error(`${problem}\nusage: node bench/realworld/materialize.mjs --mirrors /work/.mirror --out DIR [--manifest FILE] [--only id,...] [--quiet]`);
  process.exit(2);
}
