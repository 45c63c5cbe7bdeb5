import { useMemo } from 'react';
import { currentChecks } from '../../store/checks/checks';
import { useActions, useStudioState } from '../app/StudioContext';
import { useLibraryRows } from '../library/useLibraryRows';
import { useTokenCounts } from '../tokens/tokenCounts';
import { BarChart, type BarSeries } from './BarChart';
import { countedTokens, curationFigures, STATUSES } from '../../store/review/figures';
import { DashboardTables } from './DashboardTables';
import { FactsProgress } from './FactsProgress';
import { StepLabelsCard } from './StepLabelsCard';
import { useThrottled } from './useThrottled';
import { QueueStatusPicker } from '../review/QueueStatusPicker';
import { queuedSamples } from '../../store/review/queue';
import './dashboard.css';

const STATUS_COLOR: Record<string, string> = {
  draft: '--border-strong',
  ready: '--accent',
  approved: '--ok',
  'changes-requested': '--warn',
  rejected: '--bad',
};

/** How often the figures follow the checks cache while the index fills it. */
const REFRESH_MS = 400;

/** Progress toward the approved-sample target and where the library stands, as charts and as tables. */
export function DashboardView() {
  const actions = useActions();
  const samplesById = useStudioState((s) => s.samples);
  const entries = useStudioState((s) => s.entries);
  // Tokens and checks come from the checks cache, filled by the library index in idle time.
  const checks = useThrottled(useStudioState((s) => s.checks), REFRESH_MS);
  const target = useStudioState((s) => s.reviewPrefs.target);
  const samples = useMemo(() => Object.values(samplesById), [samplesById]);
  const reviewPrefs = useStudioState((s) => s.reviewPrefs);
  const queued = useMemo(() => queuedSamples({ samples: samplesById, entries, reviewPrefs }).length, [samplesById, entries, reviewPrefs]);
  // The library's counts (the token worker): the dashboard builds no tokenizer on the page's thread.
  const counter = useTokenCounts();
  // The same pass as the library's (and the same caches): quick checks for every sample, then
  // counted ones once the tokenizer is in; nothing here tokenizes on its own.
  useLibraryRows();

  const figures = useMemo(
    () =>
      curationFigures({
        samples,
        target,
        checksOf: (s) => currentChecks({ checks }, s)?.result.checks,
        tokensOf: (s) => countedTokens(currentChecks({ checks }, s)?.result),
      }),
    [samples, target, checks],
  );

  const statusSeries = useMemo<BarSeries[]>(
    () => STATUSES.map((st) => ({ name: st, values: figures.bySource.map((r) => r.byStatus[st]), color: STATUS_COLOR[st] })),
    [figures],
  );
  const tokenSeries = useMemo<BarSeries[]>(
    () => figures.tokens.histogram.series.map((s, i) => ({ name: s.name, values: s.counts, color: i === 0 ? '--border-strong' : '--accent' })),
    [figures],
  );
  const callSeries = useMemo<BarSeries[]>(() => [{ name: 'Samples', values: figures.codeCalls.series[0].counts, color: '--accent' }], [figures]);
  const failureSeries = useMemo<BarSeries[]>(() => [{ name: 'Samples failing', values: figures.checkFailures.map((f) => f.samples), color: '--bad' }], [figures]);
  const failureLabels = useMemo(() => figures.checkFailures.map((f) => f.label), [figures]);
  const sourceLabels = useMemo(() => figures.bySource.map((r) => r.source), [figures]);

  const progress = Math.min(1, figures.approved / Math.max(1, figures.target));

  return (
    <div className="dashboard-view" data-testid="dashboard">
      <header className="topbar">
        <button className="btn" onClick={() => actions.backToLibrary.run('button')} data-testid="dashboard-back">
          ← Library
        </button>
        <div className="topbar__brand">Curation dashboard</div>
        <div className="topbar__spacer" />
        <FactsProgress total={figures.total} counted={figures.tokens.counted} checked={figures.total - figures.uncheckedSamples} counter={counter} />
        <button className="btn btn--primary" onClick={() => actions.queueNext.run('button')} disabled={queued === 0} data-testid="dash-start-queue">
          Review queue ({queued})
        </button>
      </header>
      <main className="dashboard">
        <section className="dash-card dash-progress" aria-label="Progress">
          <div className="dash-progress__numbers">
            <span className="dash-progress__big" data-testid="dash-approved">
              {figures.approved}
            </span>
            <span>
              of{' '}
              <label className="dash-target">
                <span className="visually-hidden">Target number of approved samples</span>
                <input
                  className="input"
                  type="number"
                  min={1}
                  value={figures.target}
                  data-testid="dash-target"
                  onChange={(e) => actions.setCurationTarget.run('button', Number(e.target.value))}
                />
              </label>{' '}
              approved samples
            </span>
          </div>
          <div className="dash-bar" role="progressbar" aria-valuemin={0} aria-valuemax={figures.target} aria-valuenow={figures.approved}>
            <div className="dash-bar__fill" style={{ width: `${progress * 100}%` }} />
          </div>
          <p className="faint">
            {figures.approved >= figures.target
              ? 'Target reached.'
              : `${figures.target - figures.approved} to go · ${figures.byStatus.ready} waiting for review · ${figures.failingSamples} with failing checks`}
          </p>
          <QueueStatusPicker />
        </section>
        <section className="dash-card">
          <h2 className="pane-title">Samples by source and status</h2>
          <BarChart label="Samples by source, stacked by review status" labels={sourceLabels} series={statusSeries} stacked />
        </section>
        <section className="dash-card">
          <h2 className="pane-title">
            Tokens per sample: imported vs curated{counter?.isEstimate ? ' (estimate)' : ''}
            {figures.tokens.counted > 0 && figures.tokens.counted < figures.total && <small className="faint"> · {figures.tokens.counted.toLocaleString('en-US')} of {figures.total.toLocaleString('en-US')} samples so far</small>}
          </h2>
          {figures.tokens.counted ? (
            <BarChart label="Distribution of tokens per sample, imported and curated" labels={figures.tokens.histogram.labels} series={tokenSeries} />
          ) : (
            <p className="faint">counting tokens…</p>
          )}
        </section>
        <section className="dash-card">
          <h2 className="pane-title">Code calls per sample</h2>
          <BarChart label="Number of samples by code calls" labels={figures.codeCalls.labels} series={callSeries} />
        </section>
        <section className="dash-card">
          <h2 className="pane-title">Failing checks</h2>
          {figures.checkFailures.length ? (
            <BarChart label="Samples failing each check" labels={failureLabels} series={failureSeries} horizontal />
          ) : (
            <p className="faint">{figures.uncheckedSamples ? 'checking…' : 'No check fails.'}</p>
          )}
        </section>
        <StepLabelsCard samples={samples} />
        <DashboardTables figures={figures} />
      </main>
    </div>
  );
}
