/** Step labels across the project: ratings, first errors, and which samples make a step-label (prm) record yet. */
import { useMemo } from 'react';
import type { Sample } from '../../core/sample/types';
import { stepLabelFigures } from '../../store/sample/labelFigures';
import { useActions } from '../app/StudioContext';

const short = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 70 ? `${line.slice(0, 69)}…` : line;
};

export function StepLabelsCard({ samples }: { samples: readonly Sample[] }) {
  const actions = useActions();
  const figures = useMemo(() => stepLabelFigures(samples), [samples]);
  return (
    <section className="dash-card dash-labels" aria-label="Step labels" data-testid="dash-step-labels">
      <h2 className="pane-title">Step labels and preference pairs</h2>
      <table className="dash-table">
        <tbody>
          <tr>
            <th scope="row">samples with step labels</th>
            <td data-testid="dash-labelled-samples">{figures.labelledSamples}</td>
          </tr>
          <tr>
            <th scope="row">steps good / neutral / bad</th>
            <td data-testid="dash-label-counts">
              <span className="dash-labels__good">+1 × {figures.steps.good}</span> · 0 × {figures.steps.neutral} · <span className="dash-labels__bad">−1 × {figures.steps.bad}</span>
            </td>
          </tr>
          <tr>
            <th scope="row">samples with a first error</th>
            <td data-testid="dash-first-errors">{figures.withFirstError}</td>
          </tr>
          <tr>
            <th scope="row">step-label (prm) records</th>
            <td data-testid="dash-prm-ready">{figures.prmReady}</td>
          </tr>
          <tr>
            <th scope="row">hint cuts (DPO pairs)</th>
            <td data-testid="dash-hint-cuts">{figures.hintCuts}</td>
          </tr>
        </tbody>
      </table>
      {figures.rows.length > 0 && (
        <ul className="dash-labels__rows">
          {figures.rows.slice(0, 50).map((r) => (
            <li key={r.sampleId} data-testid="dash-label-row" data-sample-id={r.sampleId}>
              <button className="btn btn--ghost btn--small dash-labels__open" onClick={() => actions.openSample.run('button', r.sampleId)} title="Open the sample">
                {short(r.problem)}
              </button>
              <span className="dash-labels__counts">
                <span className="dash-labels__good">+{r.good}</span> {r.neutral} <span className="dash-labels__bad">−{r.bad}</span>
                {r.firstError !== null && <span className="chip chip--bad">first error: step {r.firstError}</span>}
                {r.stale > 0 && (
                  <span className="chip" title="Labels of steps that were edited since: kept, but neither shown nor exported" data-testid="dash-label-stale">
                    {r.stale} stale
                  </span>
                )}
                <span className={`chip ${r.prmProblem ? 'chip--warn' : 'chip--ok'}`} title={r.prmProblem ?? 'labelled through its first error'}>
                  {r.prmProblem ? 'prm: held back' : 'prm ready'}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
