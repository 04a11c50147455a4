// Summaries of repeated timings, and the table `npm run bench` prints.

export function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { n: sorted.length, min: sorted[0], median: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

/** Runs `f` `warmup` times unmeasured, then `runs` times, returning the milliseconds of each run. */
export function timed(f, runs, warmup = 2) {
  for (let i = 0; i < warmup; i++) f();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  return times;
}

export async function timedAsync(f, runs, warmup = 1) {
  for (let i = 0; i < warmup; i++) await f();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await f();
    times.push(performance.now() - start);
  }
  return times;
}

export function format(x, unit) {
  if (x === undefined || Number.isNaN(x)) return '—';
  if (unit === 'MiB') return x.toFixed(1);
  if (unit === '×') return x.toFixed(2);
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/**
 * Rows: { section, figure, unit, stat: {min, median, max} | undefined, note?, target?: { value, on: 'median'|'p99'|'max', kind: '≤'|'<' } }.
 * A target is judged on the statistic it names (the median unless said).
 */
export function table(rows) {
  const header = ['figure', 'min', 'median', 'max', 'unit', 'target', 'met'];
  const lines = [header];
  let section;
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      lines.push([`**${section}**`, '', '', '', '', '', '']);
    }
    const s = row.stat ?? {};
    const met = row.target && s.median !== undefined ? (meets(row) ? 'yes' : 'NO') : '';
    lines.push([
      row.figure + (row.note ? ` (${row.note})` : ''),
      format(s.min, row.unit),
      format(s.median, row.unit),
      format(s.max, row.unit),
      row.unit,
      row.target ? `${row.target.kind ?? '≤'} ${row.target.value}${row.target.on && row.target.on !== 'median' ? ` (${row.target.on})` : ''}` : '',
      met,
    ]);
  }
  return lines;
}

export function meets(row) {
  const value = row.stat[row.target.on ?? 'median'];
  return row.target.kind === '<' ? value < row.target.value : value <= row.target.value;
}

export function markdownTable(lines) {
  const [header, ...body] = lines;
  return [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...body.map((cells) => `| ${cells.join(' | ')} |`)].join('\n');
}

export function textTable(lines) {
  const widths = lines[0].map((_, c) => Math.max(...lines.map((cells) => cells[c].length)));
  return lines.map((cells) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}
