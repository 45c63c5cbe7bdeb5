/**
 * The outbox's sender (serverSync.ts composes it): sample by sample, each naming the server
 * version it started from; a 409 becomes the conflict the user resolves, a refusal is said and
 * what the user wrote kept aside; status moves and comments go to the review endpoints, so the
 * server decides who may make them. While the server cannot be reached it retries with a
 * back-off (doubling up to 30 s); without a session the edits wait for the next sign-in.
 */
import type { Sample } from '../../core/sample/types';
import type { ReviewedSample } from '../../core/review/types';
import type { SaveConflict, ServerSample } from '../../core/sync';
import { can } from '../../core/sync';
import type { SampleConflict } from '../session/persistence';
import { ServerError } from './api';
import { sendRound } from './outboxChain';
import { awaitedProfile, type Refusals } from './refusals';
import type { OutboxEntry } from './serverStore';
import { signedOut, type SyncCore } from './syncCore';

export interface OutboxSender {
  /** Sends the outbox now; a send under way goes round once more when it ends. */
  sendNow(): Promise<void>;
  /** The server answered again: the next retry waits the first delay. */
  resetRetry(): void;
  stop(): void;
}

export interface OutboxSenderOptions {
  refused: Refusals;
  /** Serialises the senders of several tabs. */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  /** First retry after the server could not be reached (ms); doubles up to 30 s. */
  retryMs?: number;
}

export function outboxSender(core: SyncCore, { refused, exclusive, retryMs }: OutboxSenderOptions): OutboxSender {
  let sending: Promise<void> | null = null;
  let again = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = 0;

  function retryLater(): void {
    if (core.stopped() || retryTimer) return;
    retryDelay = retryDelay ? Math.min(retryDelay * 2, 30_000) : (retryMs ?? 2_000);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void sendNow();
    }, retryDelay);
  }

  /** Status and comments the edit carries that the server does not have yet: through the review endpoints. */
  async function reviewMoves(sent: Sample, stored: ServerSample, seenVersion: number): Promise<ServerSample> {
    let s = stored;
    const mine = sent as ReviewedSample;
    for (const c of mine.comments ?? []) {
      const theirs = s.sample.comments?.find((x) => x.id === c.id);
      if (!theirs && !c.resolved) s = await core.api.comment(core.project, sent.id, { segmentId: c.stepAnchor.segmentId, offset: c.stepAnchor.offset, text: c.text });
      else if (theirs && c.resolved && !theirs.resolved) s = await core.api.resolveComment(core.project, sent.id, c.id);
    }
    if (mine.status !== s.sample.status) {
      const to = mine.status;
      // An annotator's moves (ready, back to draft) go to /status; a reviewer's decisions to /review.
      const kind = (to === 'ready' || (to === 'draft' && s.sample.status === 'ready')) && can(core.session.user.role, 'edit') ? 'status' : 'review';
      // The decision is about the content this user saw: their own save, or the version they started from.
      s = await core.api.status(core.project, sent.id, to, seenVersion, kind, mine.review?.overrideReason ?? undefined);
    }
    return s;
  }

  /**
   * The server refused a sample it does not hold (a reviewer's paste, a profile it does not
   * know): said, what the user made kept aside (also across a reload), and the entry no longer
   * sent — not taken for an unreachable server and retried for ever.
   */
  async function refuseUnknown(entry: OutboxEntry, reason: string, awaitsProfile?: string): Promise<void> {
    core.status.refusal = reason;
    await refused.keep(entry, reason, awaitsProfile);
    await core.copy.deleteEntry(entry.key);
    core.setOnline(true);
    await core.refreshWaiting();
    core.emit({});
  }

  async function sendOne(entry: OutboxEntry, tokenRenewed = false): Promise<void> {
    const id = entry.mine.id;
    try {
      // Content goes up only from those who may edit; a reviewer's edits are review moves alone.
      const mayEdit = can(core.session.user.role, 'edit');
      const theirs = !mayEdit ? await refused.serverSample(id) : undefined;
      if (theirs === null) return await refuseUnknown(entry, `a ${core.session.user.role} cannot add samples to the project; your sample was not sent`);
      let stored = theirs
        ? theirs
        : entry.baseVersion === 0 && !core.known.has(id)
          ? await core.api.create(core.project, entry.mine as ReviewedSample)
          : await core.api.save(core.project, entry.mine as ReviewedSample, entry.baseVersion);
      if (!mayEdit) await refused.keepRefused(entry, stored, `a ${core.session.user.role} cannot change a sample's text; your edit was not sent`);
      stored = await reviewMoves(entry.mine, stored, mayEdit ? stored.version : entry.baseVersion);
      await finish(entry, stored);
    } catch (err) {
      if (!(err instanceof ServerError) || err.unreachable) throw err;
      if (err.status === 409) {
        const body = err.body as SaveConflict;
        const conflict = { theirs: body.current.sample as Sample, theirVersion: body.current.version, theirAuthor: body.current.updatedBy ?? 'someone' };
        const held = await core.chains.withFollowers(entry, conflict);
        core.known.set(id, Math.max(core.known.get(id) ?? 0, body.current.version));
        const c: SampleConflict = { id, baseVersion: held.baseVersion, mine: held.mine, ...conflict };
        core.emit({ conflicts: [c] });
        return;
      }
      // The session's CSRF token changed (the user signed in again in another tab): not a refusal of
      // the edit. With the session's new token it goes again; without a session it waits (thrown).
      if (err.code === 'csrf' && !tokenRenewed) {
        if (await core.api.session()) return sendOne(entry, true);
        throw err;
      }
      // No session (signed out elsewhere): not a refusal of the edit; it waits for the next sign-in.
      if (err.status === 401) throw err;
      // Refused (a role without the right, a review rule, an invalid sample): said, and the
      // server's copy stays; text the user wrote is kept aside, never dropped.
      core.status.refusal = err.message;
      const awaits = awaitedProfile(err, entry.mine);
      const current = await refused.serverSample(id);
      if (!current) return await refuseUnknown(entry, err.message, awaits);
      await refused.keepRefused(entry, current, err.message, awaits);
      await finish(entry, current);
    }
  }

  async function finish(entry: OutboxEntry, stored: ServerSample): Promise<void> {
    core.assign(stored.sample.id, stored);
    core.known.set(stored.sample.id, stored.version);
    const dropped = await core.copy.settle(entry.key, entry.mine, stored.version);
    // The working copy stays while an edit of the sample still waits (this one changed meanwhile, or one behind it).
    const waits = !dropped || (await core.chains.releaseFollowers(entry, stored.version));
    await core.copy.accept(stored.sample, stored.version, { keepWorking: waits });
    core.setOnline(true);
    await core.refreshWaiting();
    core.emit({ accepted: [{ sent: entry.mine, stored: stored.sample, version: stored.version }] });
  }

  async function sendAll(): Promise<void> {
    let sent = 0;
    await exclusive(async () => {
      // Round after round: a send releases the entries behind it for the next.
      for (let round = 1; round > 0 && !core.stopped(); sent += round) round = await sendRound(core.copy, (e) => sendOne(e), core.stopped);
    });
    // An empty outbox asked nothing of the server: it says nothing of whether it can be reached.
    const cameBack = sent > 0 && !core.status.online;
    if (sent > 0) core.setOnline(true);
    const said = core.status.waiting;
    await core.refreshWaiting();
    if (cameBack || core.status.waiting !== said) core.emit({});
  }

  function sendNow(): Promise<void> {
    if (core.stopped()) return Promise.resolve();
    if (sending) {
      // A send is under way, but it may have read the outbox before this edit was queued:
      // it goes round once more when it ends, so no queued edit waits for the next save.
      again = true;
      return sending;
    }
    again = false;
    let failed = false;
    sending = sendAll()
      .catch(async (err) => {
        failed = true;
        // Without a session nothing can be sent: the edits wait until the user signs in again.
        if (signedOut(err)) core.status.signedOut = true;
        else core.setOnline(false);
        await core.refreshWaiting();
        core.emit({});
        if (!core.status.signedOut) retryLater();
      })
      .finally(() => {
        sending = null;
        // Asked again while it ran (up to this very moment): once more, unless it failed
        // (then the retry timer sends, after its back-off).
        if (again && !failed) void sendNow();
      });
    return sending;
  }

  return {
    sendNow,
    resetRetry: () => void (retryDelay = 0),
    stop() {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },
  };
}
