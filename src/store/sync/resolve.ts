/**
 * The four ways out of a conflict, as pure functions of the two versions. None loses text:
 * "keep mine" and "keep theirs" leave the other version one undo step away, "keep both" parks
 * their trace as a branch of ours, and a hand merge keeps every branch either side had.
 */
import { addContinuationBranches, nextBranchId, sampleSegmentIdMinter } from '../../core/hints';
import { profileOfSample, reparseWithProfile } from '../../core/profiles';
import type { Branch, Sample } from '../../core/sample/types';

const sameBranch = (a: Branch, b: Branch) => a.at === b.at && JSON.stringify(a.segments) === JSON.stringify(b.segments);

/** Our sample with every branch of theirs we do not have (fresh ids where theirs clash with ours). */
export function withTheirBranches(mine: Sample, theirs: Sample): Sample {
  let out = mine;
  for (const branch of theirs.branches) {
    if (out.branches.some((b) => sameBranch(b, branch))) continue;
    const mint = sampleSegmentIdMinter(out);
    const added: Branch = {
      ...branch,
      id: out.branches.some((b) => b.id === branch.id) ? nextBranchId(out.branches) : branch.id,
      segments: branch.segments.map((s) => ({ ...s, id: mint() })),
    };
    out = { ...out, branches: [...out.branches, added] };
  }
  return out;
}

/** Keep both: our trace stays, theirs becomes a branch where it departs from ours, and their branches join ours. */
export function keepBoth(mine: Sample, theirs: Sample, now: string, label: string): Sample {
  const merged = withTheirBranches(mine, theirs);
  const before = merged.branches.length;
  const out = addContinuationBranches(merged, merged.trace, [theirs.trace], now, label);
  return { ...out, branches: out.branches.map((b, i) => (i >= before ? { ...b, reason: 'edit' as const } : b)) };
}

/** A hand merge: the text the user wrote, parsed under the sample's profile, segment identity kept where unchanged. */
export function mergedByHand(mine: Sample, theirs: Sample, text: string): Sample {
  const merged = withTheirBranches(mine, theirs);
  return { ...merged, trace: reparseWithProfile(mine.trace, text, profileOfSample(mine)) };
}
