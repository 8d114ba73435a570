// Aligned columns for people reading the CLI's output.

export interface TextColumn {
  title: string;
  align: 'left' | 'right';
}

/** The heading line and one line per row, every column as wide as its widest cell. */
export function textTable(columns: readonly TextColumn[], rows: readonly string[][]): string[] {
  const widths = columns.map((c, i) =>
    Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) =>
        c.align === 'right'
          ? (cells[i] ?? '').padStart(widths[i]!)
          : (cells[i] ?? '').padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title)), ...rows.map(line)];
}
