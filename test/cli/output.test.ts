import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { colorEnabled, details, labelsText, palette, shellQuote, stateStyle, table, truncate } from '../../src/cli/lib/output.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };
const plain = new Chalk({ level: 0 });
const colour = new Chalk({ level: 1 });
const ESC = '\u001b[';

describe('colour', () => {
  it('is on only at a terminal without NO_COLOR', () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    // https://no-color.org: an empty NO_COLOR does not count.
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('gives a palette that prints no escape codes when colour is off', () => {
    expect(palette(tty, { NO_COLOR: '1' }).red('failed')).toBe('failed');
    expect(palette(pipe, {}).bold('NAME')).toBe('NAME');
    expect(palette(tty, {}).red('failed')).toContain(ESC);
  });

  it('colours run states', () => {
    expect(stateStyle('succeeded', colour)('x')).toBe(colour.green('x'));
    for (const state of ['failed', 'timed_out', 'lost']) expect(stateStyle(state, colour)('x')).toBe(colour.red('x'));
    for (const state of ['running', 'leased']) expect(stateStyle(state, colour)('x')).toBe(colour.cyan('x'));
    expect(stateStyle('queued', colour)('x')).toBe(colour.yellow('x'));
    expect(stateStyle('cancelled', colour)('x')).toBe(colour.gray('x'));
    expect(stateStyle('something-new', colour)('x')).toBe('x');
  });
});

describe('table', () => {
  it('aligns columns two spaces apart with no trailing blanks', () => {
    const text = table(['ID', 'STATE', 'AGENT'], [['a', 'succeeded', 'web-1'], ['bbbb', 'queued', '-']], plain);
    expect(text).toBe(['ID    STATE      AGENT', 'a     succeeded  web-1', 'bbbb  queued     -', ''].join('\n'));
  });

  it('pads before styling, so escape codes do not break the alignment', () => {
    const text = table(['STATE', 'N'], [[{ text: 'failed', style: colour.red }, '1'], ['succeeded', '2']], colour);
    const lines = text.trimEnd().split('\n');
    expect(lines[1]).toBe(`${colour.red('failed   ')}  1`);
    expect(lines[2]).toBe('succeeded  2');
    expect(lines[0]).toBe(`${colour.bold('STATE    ')}  ${colour.bold('N')}`);
  });

  it('prints only the header for no rows', () => {
    expect(table(['NAME', 'CRON'], [], plain)).toBe('NAME  CRON\n');
  });
});

describe('text helpers', () => {
  it('aligns label/value pairs', () => {
    expect(details([['Name', 'hello'], ['Next run', '-']], plain)).toBe('Name      hello\nNext run  -\n');
  });

  it('writes labels sorted as k=v', () => {
    expect(labelsText({ zone: 'a', role: 'web' })).toBe('role=web,zone=a');
    expect(labelsText({})).toBe('-');
  });

  it('quotes argv the way a POSIX shell reads it back', () => {
    expect(shellQuote(['/bin/ls', '-l', 'a b', "it's", '$HOME'])).toBe(`/bin/ls -l 'a b' 'it'\\''s' '$HOME'`);
  });

  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});
