import { version } from '../../package.json';
import { DEFAULT_EXTENSIONS } from './args';

export const VERSION: string = version;

export const HELP = `Usage:
  otel-codemod add-guards <paths...>     the umbrella: guard-registration, add-hmr-dispose,
                                         add-shutdown-handler and dev-simple-processor
  otel-codemod <transform> <paths...>    apply one transform
  otel-codemod list                      list the transforms
  otel-codemod doctor [root]             whole-project report (cross-file), no writes:
                                         conflicts between files, what no transform fixes

Paths are files or directories; directories are searched recursively.
node_modules, .git and .gitignore'd paths are always skipped.

Options:
  --dry            compute the changes, write nothing
  --check          like --dry; exit 1 when any file would change (hooks, CI)
  --strict         also exit 1 when findings are left for a human (what no
                   transform fixes, listed after the summary)
  --diff           print unified diffs of the changes; files are still written
                   unless --dry or --check is given too
  -f, --format F   stylish (the human report, default), json, sarif (SARIF 2.1.0
                   for code scanning) or github (GitHub Actions annotations);
                   for transforms and doctor
  --json           same as --format json: one JSON document on stdout
  --extensions L   comma-separated extensions to process
                   (default: ${DEFAULT_EXTENSIONS.join(',')})
  --ignore GLOB    skip paths matching GLOB (gitignore syntax, relative to the
                   current directory); repeatable
  -j, --jobs N     parallel workers (default: number of CPUs)
  --to 2|3         migrate-sdk: the SDK generation to migrate to (required there)
  --settings FILE  settings['otel-safe'] as JSON, for every file (default: each
                   file's ESLint config, else its package.json "otel-safe" key)
  -q, --quiet      print only errors (and, with --check, the files that would change)
  -v, --verbose    also list skipped and unchanged files, with the reason for
                   each skip (ignored, no transform for the type, no OTel import)
  -h, --help       show this help
  -V, --version    show the version

Exit codes:
  0  done, or nothing to change
  1  --check: some file would change (or, with --strict, something is left
     for a human); doctor: problems found
  2  usage error
  3  some files could not be processed (they are left untouched)

More: node_modules/eslint-plugin-otel-safe/docs/cli.md
`;
