/**
 * Check results this browser ran, sent to the team server (POST …/checks). Checks run in each
 * browser's Pyodide, never on the server; sent, they are kept with the row's entry while they
 * describe its content, so the library's "checks failing" runs in the server's SQL and a
 * reviewer sees failures an annotator's browser found without running Pyodide. The batches are
 * the studio's write-back of entry facts (library/entryFacts.ts `saveEntryFacts`): a fact about
 * a revision, not a new version of the sample — nothing goes through the outbox. Token counts
 * stay here: the server counts its own (server/data/tokenCounts.ts).
 */
import type { EntryFacts } from '../../core/sample/entry';
import type { CheckFact } from '../../core/sync';
import type { ServerApi } from './api';

/** The server's limit per request (routes/samples.ts). */
const CHECKS_PER_REQUEST = 500;

/**
 * Sends the checks among `facts`; resolves with the ids the server kept (a result for content
 * changed on the server since is dropped there: stale). Rejects when the server cannot be
 * reached: the facts are derived, and the next check of the sample sends them again. Stopped by
 * `signal` (the studio shutting down): resolves with the ids kept so far.
 */
export async function sendCheckFacts(api: Pick<ServerApi, 'keepChecks'>, project: number, facts: readonly { id: string; facts: EntryFacts }[], signal?: AbortSignal): Promise<string[]> {
  const checks: CheckFact[] = facts.flatMap(({ id, facts: f }) => (f.checks ? [{ id, ...f.checks }] : []));
  const kept: string[] = [];
  try {
    for (let at = 0; at < checks.length && !signal?.aborted; at += CHECKS_PER_REQUEST) kept.push(...(await api.keepChecks(project, checks.slice(at, at + CHECKS_PER_REQUEST), signal)).kept);
  } catch (err) {
    if (!signal?.aborted) throw err;
  }
  return kept;
}
