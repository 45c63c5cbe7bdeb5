import type { CheckResult, EfficiencyMetrics } from '../../core/checks';
import type { Sample } from '../../core/sample/types';
import type { CheckEntry } from '../../store/checks/checks';
import { useActions } from '../app/StudioContext';
import { useSampleChecks } from './useChecks';
import './checks.css';

export type CheckDisplayStatus = CheckResult['status'] | 'checking';

/** A row only the interpreter can decide reads "checking…" until its run is back, not "skipped". */
export function displayStatus(check: CheckResult, entry: CheckEntry): CheckDisplayStatus {
  const pythonPending = entry.level === 'quick' && !entry.error && check.status === 'skipped';
  const needsPython = check.id === 'reproduction' || (check.id === 'answer' && check.detail.includes('SymPy'));
  return pythonPending && needsPython ? 'checking' : check.status;
}

const ICON: Record<CheckDisplayStatus, string> = { pass: '✓', fail: '✗', warn: '!', skipped: '–', checking: '…' };

function Metrics({ m }: { m: EfficiencyMetrics }) {
  const tagged = m.calculationCells + m.verificationCells;
  return (
    <dl className="check-metrics" data-testid="check-metrics">
      <div>
        <dt>Tokens</dt>
        <dd>
          {m.tokensNow !== undefined ? m.tokensNow.toLocaleString('en-US') : '…'}
          {m.tokensOriginal !== undefined && m.tokensOriginal > 0 && <span className="faint"> / {m.tokensOriginal.toLocaleString('en-US')} imported</span>}
        </dd>
      </div>
      <div>
        <dt>Saved</dt>
        <dd data-testid="tokens-saved" className={m.savingPercent !== undefined && m.savingPercent < 0 ? 'check-metrics__worse' : undefined}>
          {m.savingPercent === undefined ? '—' : m.savingPercent >= 0 ? `${Math.round(m.savingPercent)}%` : `${Math.round(-m.savingPercent)}% longer`}
        </dd>
      </div>
      <div>
        <dt>Code calls</dt>
        <dd>{m.codeCalls}</dd>
      </div>
      <div>
        <dt>Calculation</dt>
        <dd title="share of tagged code cells that calculate rather than verify">{tagged ? `${Math.round((m.calculationCells / tagged) * 100)}%` : '—'}</dd>
      </div>
    </dl>
  );
}

/** The automatic checks of the open sample; a row about particular steps moves the cursor there. */
export function ChecksPanel({ sample }: { sample: Sample }) {
  const entry = useSampleChecks(sample);
  const actions = useActions();
  if (!entry) return <div className="faint" data-testid="checks-panel">checking…</div>;
  const failing = entry.result.checks.filter((c) => c.status === 'fail').length;
  return (
    <div className="checks-panel" data-testid="checks-panel" data-level={entry.level} data-failing={failing}>
      <Metrics m={entry.result.efficiency} />
      <ul className="stack-list check-list">
        {entry.result.checks.map((check) => {
          const status = displayStatus(check, entry);
          const target = check.segmentIds?.[0];
          return (
            <li key={check.id} className={`check check--${status}`} data-testid="check" data-check-id={check.id} data-status={status}>
              <span className="check__icon" aria-label={status}>
                {ICON[status]}
              </span>
              <div className="check__body">
                {target ? (
                  <button className="check__label check__label--link" onClick={() => actions.revealSegment.run('button', target)} title="Show in the trace">
                    {check.label}
                  </button>
                ) : (
                  <span className="check__label">{check.label}</span>
                )}
                <span className="check__detail">{status === 'checking' ? 'checking with Python…' : check.detail}</span>
              </div>
            </li>
          );
        })}
      </ul>
      {entry.error && (
        <p className="check-note" role="status">
          Python checks unavailable ({entry.error}); showing the string-level results.
        </p>
      )}
    </div>
  );
}
