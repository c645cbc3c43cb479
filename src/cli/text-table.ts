/** A plain-text table: the first column left-aligned (names), the others right-aligned (values). */
import { visibleLength } from './style.js';

export function textTable(header: string[], rows: string[][], indent = ''): string {
  const columns = Math.max(header.length, ...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) {
    widths.push(Math.max(visibleLength(header[c] ?? ''), ...rows.map((r) => visibleLength(r[c] ?? ''))));
  }
  const line = (cells: string[]): string =>
    indent +
    cells
      .map((cell, c) => {
        const pad = ' '.repeat((widths[c] ?? 0) - visibleLength(cell));
        return c === 0 ? cell + pad : pad + cell;
      })
      .join('   ')
      .trimEnd();
  const rule = indent + widths.map((w) => '─'.repeat(w)).join('   ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
