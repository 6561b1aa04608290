import path from 'node:path';

/** A path as reporters print it: relative to `cwd` (`../x` outside it), forward slashes. */
export function reportPath(cwd: string, file: string): string {
  const relative = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return relative.split(path.sep).join('/');
}
