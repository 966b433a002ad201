import chalk, { Chalk, type ChalkInstance } from 'chalk';
import type { Env } from './config.js';

/** Colour only for a person at a terminal, and never when they asked for none (https://no-color.org). */
export function colorEnabled(stream: { isTTY?: boolean }, env: Env = process.env): boolean {
  const noColor = env.NO_COLOR;
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}

export function palette(stream: { isTTY?: boolean } = process.stdout, env: Env = process.env): ChalkInstance {
  return new Chalk({ level: colorEnabled(stream, env) ? Math.max(chalk.level, 1) as 1 | 2 | 3 : 0 });
}

export type Style = (text: string) => string;

export interface Cell {
  text: string;
  style?: Style;
}

export function stateStyle(state: string, c: ChalkInstance): Style {
  switch (state) {
    case 'succeeded':
      return c.green;
    case 'failed':
    case 'timed_out':
    case 'lost':
      return c.red;
    case 'running':
    case 'leased':
      return c.cyan;
    case 'queued':
      return c.yellow;
    case 'cancelled':
      return c.gray;
    default:
      return (text) => text;
  }
}

/**
 * Columns padded to their widest cell, two spaces apart, no trailing blanks. Styles are applied after padding so
 * escape codes never count towards a width.
 */
export function table(headers: readonly string[], rows: readonly (readonly (string | Cell)[])[], c: ChalkInstance): string {
  const cells: Cell[][] = [
    headers.map((text) => ({ text, style: c.bold })),
    ...rows.map((row) => row.map((cell) => (typeof cell === 'string' ? { text: cell } : cell))),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]?.text.length ?? 0)));
  const lines = cells.map((row) =>
    headers
      .map((_, i) => {
        const cell = row[i] ?? { text: '' };
        const last = i === headers.length - 1;
        const padded = last ? cell.text : cell.text.padEnd(widths[i] ?? 0);
        return cell.style ? cell.style(padded) : padded;
      })
      .join('  ')
      .trimEnd(),
  );
  return lines.join('\n') + '\n';
}

/** `Label  value` lines with the values aligned, for one object (`schedule get`, `status`). */
export function details(pairs: readonly (readonly [string, string])[], c: ChalkInstance): string {
  const width = Math.max(0, ...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `${c.bold(label.padEnd(width))}  ${value}`.trimEnd()).join('\n') + '\n';
}

export function labelsText(labels: Record<string, string>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '-' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}

/** A program and its arguments as a person would type them into a POSIX shell. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, Math.max(0, max - 1)) + '…';
}
