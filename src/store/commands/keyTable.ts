/**
 * The README's key table, made from the registry: one row per scope, each command's keys and
 * label. The README is checked against it (a test), and `npm run readme:keys` rewrites it.
 */
import { formatChord } from './keys';
import type { HelpSection } from './registry';

export const KEY_TABLE_START = '<!-- keys:start (generated from the command registry: npm run readme:keys) -->';
export const KEY_TABLE_END = '<!-- keys:end -->';

const code = (chord: string) => '`' + formatChord(chord).replace(/\|/g, '\\|') + '`';

export function keyTable(sections: HelpSection[]): string {
  const rows = sections.map((section) => {
    const cells = section.entries.map((e) => `${e.keys.map(code).join('/')} ${e.label.replace(/\|/g, '\\|')}`);
    return `| ${section.title.toLowerCase()} | ${cells.join(' · ')} |`;
  });
  return [KEY_TABLE_START, '| where | keys |', '|---|---|', ...rows, KEY_TABLE_END].join('\n');
}

/** `text` with the block between the markers replaced by `table`; null when the markers are missing. */
export function withKeyTable(text: string, table: string): string | null {
  const start = text.indexOf(KEY_TABLE_START);
  const end = text.indexOf(KEY_TABLE_END);
  if (start < 0 || end < start) return null;
  return text.slice(0, start) + table + text.slice(end + KEY_TABLE_END.length);
}
