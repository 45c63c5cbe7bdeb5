/**
 * What the export will carry and what it holds back, by sample and with the reasons. A sample
 * whose automatic checks fail can be exported anyway with a reason; the override and its
 * reason are written into the manifest.
 */
import { memo } from 'react';
import type { ExportResult, HeldBackSample } from '../../core/export';
import type { Sample } from '../../core/sample/types';
import type { ExportVerdicts } from '../../store/project/export';

export interface OverrideDraft {
  checked: boolean;
  reason: string;
}

interface Props {
  samples: Record<string, Sample>;
  result: ExportResult;
  verdicts: ExportVerdicts;
  overrides: Record<string, OverrideDraft>;
  onOverride: (sampleId: string, draft: OverrideDraft) => void;
  /** A warning the dialog already shows next to the control it is about. */
  shownElsewhere?: string | null;
  /** Held back because the format cannot mask their interpreter output (listed apart, with the why). */
  heldForOutputs?: HeldBackSample[];
}

const NONE: HeldBackSample[] = [];

function problemLine(sample: Sample | undefined, id: string): string {
  const text = sample?.problem.replace(/\s+/g, ' ').trim() ?? id;
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

/** Held-back samples that no override can let out, with their reasons. */
function HeldList({ entries, samples, testId }: { entries: HeldBackSample[]; samples: Record<string, Sample>; testId: string }) {
  return (
    <ul className="stack-list" data-testid={testId}>
      {entries.map((h) => (
        <li key={h.sampleId} className="card" data-testid="export-held-row" data-sample-id={h.sampleId}>
          <div className="export-held__head">
            <span className="chip chip--bad">held back</span>
            <span className="export-held__problem">{problemLine(samples[h.sampleId], h.sampleId)}</span>
          </div>
          <ul className="export-held__reasons">
            {h.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/**
 * Memoised: the dialog re-renders on every tokenizing progress tick, and this preview walks every
 * sample of the project; it changes only with the result, the verdicts and the overrides.
 */
export const ExportPreview = memo(function ExportPreview({ samples, result, verdicts, overrides, onOverride, shownElsewhere, heldForOutputs = NONE }: Props) {
  const { counts } = result.manifest;
  const stageOf = new Map(result.heldBack.map((h) => [h.sampleId, h.stage]));
  // The review and the loss mask stop a sample before its checks count: no override lifts them.
  const stoppedBefore = (id: string) => stageOf.get(id) === 'review' || stageOf.get(id) === 'loss-mask';
  // Every sample the checks would stop, whether held back now or let through by an override,
  // in one stable list so rows do not jump while the user ticks boxes and types reasons.
  const failingChecks = Object.values(samples)
    .filter((s) => verdicts.get(s.id)?.ok === false && !stoppedBefore(s.id))
    .map((s) => s.id)
    .sort();
  const review = result.heldBack.filter((h) => h.stage === 'review');
  const changedSinceApproval = review.filter((h) => samples[h.sampleId]?.status === 'approved');
  const notApproved = review.filter((h) => samples[h.sampleId]?.status !== 'approved');
  const lossMask = result.heldBack.filter((h) => h.stage === 'loss-mask');
  const warnings = result.manifest.warnings.filter((w) => w !== shownElsewhere);
  const forOutputs = new Set(heldForOutputs);
  const heldByFormat = result.heldBack.filter((h) => h.stage === 'format' && !forOutputs.has(h));

  return (
    <section className="export-preview" data-testid="export-preview" aria-label="What will be exported">
      <p className="export-preview__summary" data-testid="export-summary">
        <strong>
          {counts.exported} of {counts.input} samples
        </strong>{' '}
        will be exported
        {counts.heldBack > 0 && <>, {counts.heldBack} held back</>}
        {counts.overridden > 0 && <>, {counts.overridden} despite failing checks</>}.
      </p>

      {failingChecks.length > 0 && (
        <div className="export-preview__group">
          <h3>Automatic checks fail ({failingChecks.length})</h3>
          <ul className="stack-list" data-testid="export-failing">
            {failingChecks.map((id) => {
              const draft = overrides[id] ?? { checked: false, reason: '' };
              return (
                <li key={id} className="card" data-testid="export-held-row" data-sample-id={id} data-exported={draft.checked}>
                  <div className="export-held__head">
                    <span className={`chip ${draft.checked ? 'chip--warn' : 'chip--bad'}`}>{draft.checked ? 'exported anyway' : 'held back'}</span>
                    <span className="export-held__problem">{problemLine(samples[id], id)}</span>
                  </div>
                  <ul className="export-held__reasons">
                    {verdicts.get(id)!.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                  <div className="export-held__override">
                    <label>
                      <input
                        type="checkbox"
                        checked={draft.checked}
                        onChange={(e) => onOverride(id, { ...draft, checked: e.target.checked })}
                        data-testid="export-override"
                      />{' '}
                      Export anyway
                    </label>
                    {draft.checked && (
                      <input
                        className="input export-held__reason"
                        value={draft.reason}
                        autoFocus
                        placeholder="Why (recorded in the manifest), e.g. gt_answer is wrong in the source data"
                        onChange={(e) => onOverride(id, { ...draft, reason: e.target.value })}
                        data-testid="export-override-reason"
                        aria-invalid={!draft.reason.trim()}
                      />
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      )}

      {changedSinceApproval.length > 0 && (
        <div className="export-preview__group">
          <h3>Changed since approval ({changedSinceApproval.length}) — approve the changes to export them</h3>
          <HeldList entries={changedSinceApproval} samples={samples} testId="export-changed-since-approval" />
        </div>
      )}

      {lossMask.length > 0 && (
        <div className="export-preview__group">
          <h3>CoRT&apos;s loss mask does not fit the outputs ({lossMask.length}) — cannot be exported</h3>
          <HeldList entries={lossMask} samples={samples} testId="export-loss-mask" />
        </div>
      )}

      {heldForOutputs.length > 0 && (
        <div className="export-preview__group">
          <h3>Interpreter output this format would train on ({heldForOutputs.length}) — held back</h3>
          <HeldList entries={heldForOutputs} samples={samples} testId="export-outputs-held" />
        </div>
      )}

      {heldByFormat.length > 0 && (
        <div className="export-preview__group">
          <h3>Not expressible in this format ({heldByFormat.length})</h3>
          <HeldList entries={heldByFormat} samples={samples} testId="export-format-held" />
        </div>
      )}

      {notApproved.length > 0 && (
        <details className="export-preview__group" data-testid="export-not-approved">
          <summary>
            Not approved ({notApproved.length}) — choose “All samples” to include them
          </summary>
          <ul className="stack-list">
            {notApproved.map((h) => (
              <li key={h.sampleId} className="card export-held--quiet" data-sample-id={h.sampleId}>
                <span className="export-held__problem">{problemLine(samples[h.sampleId], h.sampleId)}</span>
                <span className="export-held__why">{h.reasons.join('; ')}</span>
              </li>
            ))}
          </ul>
        </details>
      )}

      {warnings.length > 0 && (
        <ul className="export-warnings" data-testid="export-warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </section>
  );
});
