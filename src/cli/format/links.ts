// Where the docs of each rule, transform and doctor finding live (every reporter links them).
// The repository comes from package.json, the same place npm and the rules' docs URLs use.
import { repository } from '../../../package.json';

/** `https://github.com/<owner>/<name>` from `git+https://github.com/<owner>/<name>.git`. */
const REPOSITORY = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

export function repositoryUrl(): string {
  return REPOSITORY;
}

export function ruleDocsUrl(rule: string): string {
  return `${REPOSITORY}/blob/main/docs/rules/${rule}.md`;
}

export function transformDocsUrl(transform: string): string {
  return `${REPOSITORY}/blob/main/docs/codemods/${transform}.md`;
}

/** The doctor page's table of findings (GitHub has no anchors per table row). */
export function doctorDocsUrl(): string {
  return `${REPOSITORY}/blob/main/docs/doctor.md#what-it-finds`;
}
