// The part of semver the doctor needs: does an installed version satisfy a peer range
// (`^1.0.0`, `>=1.0.0 <1.10.0`, `~1.9`, `1.x`, `a - b`, `||`)? Pre-release tags are ignored.

type Version = [number, number, number];

export function parseVersion(text: string): Version | undefined {
  const m = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

function cmp(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** True when `version` satisfies `range`; an unreadable range counts as satisfied (never a false alarm). */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (!v) return true;
  const alternatives = range.split('||');
  let understood = false;
  for (const alt of alternatives) {
    const test = comparatorSet(alt.trim());
    if (!test) continue;
    understood = true;
    if (test(v)) return true;
  }
  return !understood;
}

function comparatorSet(text: string): ((v: Version) => boolean) | undefined {
  if (text === '' || text === '*' || text === 'x' || text === 'latest') return () => true;
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
  if (hyphen) {
    const lo = parseVersion(hyphen[1]!);
    const hi = parseVersion(hyphen[2]!);
    return lo && hi ? (v) => cmp(v, lo) >= 0 && cmp(v, hi) <= 0 : undefined;
  }
  const tests: ((v: Version) => boolean)[] = [];
  for (const part of text.replace(/([<>=~^])\s+/g, '$1').split(/\s+/)) {
    const m = /^(\^|~|>=|<=|>|<|=)?v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+].*)?$/.exec(part);
    if (!m) return undefined;
    const op = m[1] ?? '';
    const parts = [m[2], m[3], m[4]];
    const wild = parts.findIndex((p) => p === undefined || /^[xX*]$/.test(p));
    const nums = parts.map((p) => (p === undefined || /^[xX*]$/.test(p) ? 0 : Number(p))) as Version;
    if (op === '' || op === '=') {
      if (wild < 0) tests.push((v) => cmp(v, nums) === 0);
      else tests.push(xRange(nums, wild));
    } else if (op === '^') {
      const upper: Version = nums[0] > 0 || wild === 1 ? [nums[0] + 1, 0, 0] : nums[1] > 0 || wild === 2 ? [0, nums[1] + 1, 0] : [0, 0, nums[2] + 1];
      tests.push((v) => cmp(v, nums) >= 0 && cmp(v, upper) < 0);
    } else if (op === '~') {
      const upper: Version = wild === 1 ? [nums[0] + 1, 0, 0] : [nums[0], nums[1] + 1, 0];
      tests.push((v) => cmp(v, nums) >= 0 && cmp(v, upper) < 0);
    } else if (op === '>=') tests.push((v) => cmp(v, nums) >= 0);
    else if (op === '>') tests.push((v) => cmp(v, nums) > 0);
    else if (op === '<=') tests.push((v) => cmp(v, nums) <= 0);
    else tests.push((v) => cmp(v, nums) < 0);
  }
  return (v) => tests.every((t) => t(v));
}

function xRange(base: Version, wild: number): (v: Version) => boolean {
  if (wild === 0) return () => true;
  const upper: Version = wild === 1 ? [base[0] + 1, 0, 0] : [base[0], base[1] + 1, 0];
  return (v) => cmp(v, base) >= 0 && cmp(v, upper) < 0;
}
