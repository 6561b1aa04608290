// Where a manifest entry's repository is materialized: `<owner>__<name>/` for the first commit the
// manifest pins for it, `<owner>__<name>@<commit 12>/` for any other (holdout8 pins two files of
// one repository at two commits). materialize.mjs, score.mjs and codemods.mjs share it.

/** The checkout folder name for `entry`, given the whole manifest it belongs to. */
export function checkoutDirName(manifest, entry) {
  const base = entry.repo.replace('/', '__');
  const first = manifest.find((e) => e.repo === entry.repo);
  return !first || first.commit === entry.commit ? base : `${base}@${entry.commit.slice(0, 12)}`;
}
