/** Helpers of the sync and team tests: waiting for another tab or client, and a tell-tale edit. */
import type { Sample } from '../../../core/sample/types';

/** Polls `check` until it holds; fails naming `what` after `timeoutMs` (default 10 s). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** An edit that appends a prose paragraph `text` (its segment id differs per text and position). */
export const note =
  (text: string) =>
  (s: Sample): Sample => ({ ...s, trace: { segments: [...s.trace.segments, { id: `n-${s.trace.segments.length}-${text}`, kind: 'prose', text, origin: 'annotator' }] } });
