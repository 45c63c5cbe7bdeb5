/**
 * Matching what the user types against the palette's entries. The entries themselves come
 * from the command registry (studio.commands.palette), so the palette lists every command
 * that applies where the user is, with its keys, and never a copy of a label or a key.
 */
import type { ListedCommand } from '../../store';

/**
 * Fuzzy match score of `query` in `label` (higher is better), or null when the letters of the
 * query do not all appear in order. Word starts and runs of consecutive letters score more,
 * so "cont" ranks "Continue" above "Insertion point at the end of the trace".
 */
export function fuzzyScore(query: string, label: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const text = label.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = text.indexOf(ch, from);
    if (at < 0) return null;
    const wordStart = at === 0 || /[\s(×.,/:-]/.test(text[at - 1]);
    score += 1 + (at === previous + 1 ? 3 : 0) + (wordStart ? 2 : 0);
    score -= Math.min(at - from, 5) * 0.1;
    previous = at;
    from = at + 1;
  }
  return score;
}

/**
 * Entries matching `query`, best first (registry order among equals). Samples found by their
 * problem text (the registry matched them already) come after the commands.
 */
export function filterEntries(entries: ListedCommand[], query: string): ListedCommand[] {
  const scored = entries.map((entry, index) => {
    const found = entry.command.id === 'openSample';
    return { entry, index, found, score: found ? 0 : fuzzyScore(query, entry.label) };
  });
  return scored
    .filter((m) => m.found || m.score !== null)
    .sort((a, b) => Number(a.found) - Number(b.found) || (b.score ?? 0) - (a.score ?? 0) || a.index - b.index)
    .map((m) => m.entry);
}
