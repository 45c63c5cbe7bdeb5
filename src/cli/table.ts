/** Plain-text tables for terminals: columns padded to their widest cell, numbers right-aligned. */
import { escapeCell } from './terminal';

export interface Column<Row> {
  header: string;
  cell(row: Row): string;
  align?: 'left' | 'right';
}

export function formatTable<Row>(rows: Row[], columns: Column<Row>[]): string {
  // Cells hold data: escaped, so a value can neither drive the terminal nor break its row.
  const cells = rows.map((row) => columns.map((c) => escapeCell(c.cell(row))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i].align === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}
