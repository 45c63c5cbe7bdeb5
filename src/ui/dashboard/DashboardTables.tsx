import { STATUSES, type CurationFigures } from '../../store/review/figures';

const fmt = (n: number) => n.toLocaleString('en-US');

/** The dashboard's figures as tables: readable without the charts, and what the tests count. */
export function DashboardTables({ figures }: { figures: CurationFigures }) {
  const { tokens } = figures;
  const saved = tokens.originalTotal > 0 ? ((tokens.originalTotal - tokens.nowTotal) / tokens.originalTotal) * 100 : undefined;
  // Sums over the samples counted so far (the index counts in idle time): say over how many.
  const partial = tokens.counted > 0 && tokens.counted < figures.total ? ` (${fmt(tokens.counted)} of ${fmt(figures.total)} samples so far)` : '';
  return (
    <section className="dash-card dash-tables" aria-label="Figures">
      <h2 className="pane-title">Figures</h2>
      <table className="dash-table" data-testid="dash-status-table">
        <thead>
          <tr>
            <th>Source</th>
            {STATUSES.map((s) => (
              <th key={s}>{s}</th>
            ))}
            <th>total</th>
          </tr>
        </thead>
        <tbody>
          {figures.bySource.map((row) => (
            <tr key={row.source} data-testid="dash-source-row" data-source={row.source}>
              <th scope="row">{row.source}</th>
              {STATUSES.map((s) => (
                <td key={s}>{row.byStatus[s]}</td>
              ))}
              <td>{row.total}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">all</th>
            {STATUSES.map((s) => (
              <td key={s} data-testid={`dash-status-${s}`}>
                {figures.byStatus[s]}
              </td>
            ))}
            <td data-testid="dash-total">{figures.total}</td>
          </tr>
        </tfoot>
      </table>
      <table className="dash-table">
        <tbody>
          <tr>
            <th scope="row">Tokens, imported traces{partial}</th>
            <td>{tokens.counted ? fmt(tokens.originalTotal) : '…'}</td>
          </tr>
          <tr>
            <th scope="row">Tokens, curated traces{partial}</th>
            <td>{tokens.counted ? fmt(tokens.nowTotal) : '…'}</td>
          </tr>
          <tr>
            <th scope="row">Tokens saved{partial}</th>
            <td data-testid="dash-tokens-saved">{saved === undefined ? '—' : `${saved.toFixed(1)}%`}</td>
          </tr>
          <tr>
            <th scope="row">Code calls per sample (mean)</th>
            <td>{figures.codeCalls.mean.toFixed(1)}</td>
          </tr>
          <tr>
            <th scope="row">Samples with failing checks</th>
            <td data-testid="dash-failing">{figures.failingSamples}</td>
          </tr>
          {figures.checkFailures.map((f) => (
            <tr key={f.id}>
              <th scope="row" className="dash-table__sub">
                {f.label}
              </th>
              <td>{f.samples}</td>
            </tr>
          ))}
          {figures.uncheckedSamples > 0 && (
            <tr>
              <th scope="row">Not checked yet</th>
              <td>{figures.uncheckedSamples}</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
