/** Test helper for the review workflow. */

/** The sample a transition returned; a refused transition fails the test with its reason. */
export function ok<S>(r: S | { error: string }): S {
  if (r && typeof r === 'object' && 'error' in r) throw new Error(r.error);
  return r as S;
}
