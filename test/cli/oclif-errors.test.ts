import { describe, expect, it } from 'vitest';
import { oclifMessage } from '../../src/cli/lib/oclif-errors.js';

describe("oclif's messages, in the CLI's words", () => {
  it('names an integer flag, the value given and the range it accepts', () => {
    const bounds = { keep: { min: 1, max: 100_000 }, limit: { min: 1 }, top: { max: 9 }, any: {} };
    const parsing = (flag: string, reason: string) => `Parsing --${flag} \n\t${reason}\nSee more help with --help`;
    expect(oclifMessage(parsing('keep', 'Expected an integer greater than or equal to 1 but received: 0'), bounds)).toBe('invalid --keep "0": expected a whole number from 1 to 100000');
    expect(oclifMessage(parsing('limit', 'Expected an integer but received: x'), bounds)).toBe('invalid --limit "x": expected a whole number of 1 or more');
    expect(oclifMessage(parsing('top', 'Expected an integer less than or equal to 9 but received: 10'), bounds)).toBe('invalid --top "10": expected a whole number up to 9');
    expect(oclifMessage(parsing('any', 'Expected an integer but received: 1.5'), bounds)).toBe('invalid --any "1.5": expected a whole number');
  });

  it("keeps a flag parser's own reason, and drops the pointer to --help", () => {
    expect(oclifMessage('Parsing --at \n\tinvalid --at "soon": expected RFC 3339\nSee more help with --help')).toBe('invalid --at "soon": expected RFC 3339');
    expect(oclifMessage('Nonexistent flag: --bogus\nSee more help with --help')).toBe('Nonexistent flag: --bogus');
  });
});
