#!/usr/bin/env node
// Writes the pinned trees of the Python real-world set (python.manifest.json beside this file)
// out of local git mirrors, so the checks can be run over real projects without the network
// and without third-party code in this repository.
//
//   node bench/realworld/materialize-python.mjs --mirrors /work/.mirror --out /work/realworld/python
//
// Each repository lands in <out>/<owner>__<name>/ at the entry's pinned commit. Only source and
// project files are written (Python, requirements/lock/pyproject, Dockerfiles, compose files,
// Procfiles, shell scripts, Makefiles, gunicorn/uwsgi/circus configs …) plus every file an entry
// names (path, context, label triggers, project labels). Each entry's blob is checked against
// the mirror's tree and against the bytes written. A mirror is found as
// <mirrors>/<owner>+<name>/repo (the layout `fetch` produces) or <mirrors>/<owner>/<name>.git.
// Exit status: 0 when every repository was written and every blob matched, 1 on a blob
// mismatch, 2 when repositories are missing (the others are still written).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Names and suffixes that make a file worth writing: what the Python checks and doctor read. */
const PROJECT_FILE = [
  /\.(py|pyi|pyw)$/,
  /(^|\/)(requirements[^/]*|constraints[^/]*)\.(txt|in)$/,
  /(^|\/)(pyproject\.toml|setup\.cfg|setup\.py|Pipfile|Pipfile\.lock|poetry\.lock|uv\.lock|pdm\.lock|tox\.ini)$/,
  /(^|\/)(Procfile[^/]*|Dockerfile[^/]*|[^/]*\.Dockerfile|Containerfile|Makefile|justfile|Justfile)$/,
  /(^|\/)(docker-)?compose[^/]*\.ya?ml$/,
  /(^|\/)(gunicorn|uwsgi|circus|supervisord|processmon)[^/]*\.(py|ini|conf|toml|cfg)$/,
  /(^|\/)\.(flaskenv|env)$/,
  /\.(sh|bash)$/,
];
const MAX_BYTES = 2 * 1024 * 1024;

function parseArgs(argv) {
  const args = { manifest: path.join(here, 'python.manifest.json') };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--mirrors') args.mirrors = value;
    else if (flag === '--out') args.out = value;
    else if (flag === '--manifest') args.manifest = value;
    else throw new Error(`unknown argument ${flag}`);
    i++;
  }
  if (!args.mirrors || !args.out) {
    throw new Error('usage: materialize-python.mjs --mirrors DIR --out DIR [--manifest FILE]');
  }
  return args;
}

function findMirror(mirrors, repo) {
  const [owner, name] = repo.split('/');
  for (const dir of [path.join(mirrors, `${owner}+${name}`, 'repo'), path.join(mirrors, owner, `${name}.git`)]) {
    if (existsSync(dir)) return dir;
  }
  return undefined;
}

const git = (gitDir, args, input) =>
  execFileSync('git', [`--git-dir=${gitDir}`, ...args], { input, maxBuffer: 1 << 30 });

/** Blob id as git computes it, to check the bytes actually written. */
const blobSha = (bytes) =>
  createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

/** Every file the manifest names for one repository: they are written whatever their type. */
function namedFiles(entries) {
  const names = new Set();
  for (const e of entries) {
    names.add(e.path);
    for (const c of e.context ?? []) names.add(c);
    for (const found of Object.values(e.labels ?? {})) for (const f of found) if (f.trigger?.file) names.add(f.trigger.file);
    for (const p of e.projectLabels ?? []) names.add(p.file);
    for (const o of e.outOfScope ?? []) names.add(o.file);
  }
  return names;
}

/** Lists regular files at `commit` as { sha, size, path }. */
function listTree(gitDir, commit) {
  const out = git(gitDir, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit]).toString('utf8');
  return out
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, file] = line.split('\t');
      const [mode, type, sha, size] = meta.trim().split(/\s+/);
      return { mode, type, sha, size: Number(size), path: file };
    })
    .filter((f) => f.type === 'blob' && (f.mode === '100644' || f.mode === '100755'));
}

/** Reads many blobs in one `git cat-file --batch` call; returns Map sha -> Buffer. */
function readBlobs(gitDir, shas) {
  const unique = [...new Set(shas)];
  const buf = git(gitDir, ['cat-file', '--batch'], unique.join('\n') + '\n');
  const blobs = new Map();
  let at = 0;
  while (at < buf.length) {
    const eol = buf.indexOf(0x0a, at);
    const [sha, type, size] = buf.subarray(at, eol).toString('utf8').split(' ');
    if (type === 'missing') throw new Error(`blob ${sha} missing from the mirror`);
    const start = eol + 1;
    blobs.set(sha, buf.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return blobs;
}

function materializeRepo({ repo, commit, entries, gitDir, outDir }) {
  const named = namedFiles(entries);
  const files = listTree(gitDir, commit).filter(
    (f) => named.has(f.path) || (f.size <= MAX_BYTES && PROJECT_FILE.some((re) => re.test(f.path))),
  );
  const missingNamed = [...named].filter((n) => !files.some((f) => f.path === n));
  const blobs = readBlobs(gitDir, files.map((f) => f.sha));
  rmSync(outDir, { recursive: true, force: true });
  for (const f of files) {
    const target = path.join(outDir, f.path);
    if (!target.startsWith(outDir + path.sep)) throw new Error(`${repo}: unsafe path ${f.path}`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, blobs.get(f.sha));
  }
  const mismatches = [];
  for (const e of entries) {
    const listed = files.find((f) => f.path === e.path);
    const written = listed && blobSha(readFileSync(path.join(outDir, e.path)));
    if (!listed || listed.sha !== e.blob || written !== e.blob) {
      mismatches.push(`${e.id}: ${e.path} expected ${e.blob}, tree ${listed?.sha ?? 'absent'}, written ${written ?? 'none'}`);
    }
  }
  return { files: files.length, missingNamed, mismatches };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const manifest = JSON.parse(readFileSync(args.manifest, 'utf8'));
  const entries = Array.isArray(manifest) ? manifest : manifest.entries;
  const byRepo = new Map();
  for (const e of entries) {
    const group = byRepo.get(e.repo) ?? { commit: e.commit, entries: [] };
    if (group.commit !== e.commit) throw new Error(`${e.repo} is pinned to two commits (${group.commit}, ${e.commit})`);
    group.entries.push(e);
    byRepo.set(e.repo, group);
  }
  const missing = [];
  const mismatches = [];
  let written = 0;
  for (const [repo, { commit, entries: repoEntries }] of byRepo) {
    const gitDir = findMirror(args.mirrors, repo);
    if (!gitDir) {
      missing.push(repo);
      continue;
    }
    try {
      git(gitDir, ['cat-file', '-e', `${commit}^{commit}`]);
    } catch {
      missing.push(`${repo}@${commit} (mirror lacks the commit)`);
      continue;
    }
    const outDir = path.resolve(args.out, repo.replace('/', '__'));
    const result = materializeRepo({ repo, commit, entries: repoEntries, gitDir, outDir });
    written++;
    mismatches.push(...result.mismatches);
    const note = result.missingNamed.length ? `; named but absent: ${result.missingNamed.join(', ')}` : '';
    process.stdout.write(`${repo}: ${result.files} files${note}\n`);
  }
  process.stdout.write(`${written}/${byRepo.size} repositories written to ${path.resolve(args.out)}\n`);
  for (const m of mismatches) process.stderr.write(`blob mismatch: ${m}\n`);
  for (const m of missing) process.stderr.write(`missing: ${m}\n`);
  if (mismatches.length) process.exitCode = 1;
  else if (missing.length) process.exitCode = 2;
}

main();
