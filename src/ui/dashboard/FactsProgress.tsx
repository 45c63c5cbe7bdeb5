import type { TokenCounts } from '../../core/tokens';

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * How many samples the token and check figures cover yet. The library index fills them in idle
 * time, so on a large library the charts grow while the user reads; this says how far they are.
 */
export function FactsProgress({ total, counted, checked, counter }: { total: number; counted: number; checked: number; counter: Pick<TokenCounts, 'name' | 'isEstimate'> | null }) {
  const done = counted >= total && checked >= total;
  return (
    <div className="dash-facts" role="status" data-testid="dash-facts" data-complete={done}>
      <span data-testid="dash-check-progress">
        quick checks: {fmt(checked)} / {fmt(total)}
      </span>
      <span data-testid="dash-token-progress">{counter ? `token counts: ${fmt(counted)} / ${fmt(total)}` : 'token counts: loading the tokenizer…'}</span>
      {!done && <progress className="dash-facts__bar" max={Math.max(1, total)} value={counter ? counted : checked} aria-label="Samples counted so far" />}
    </div>
  );
}
