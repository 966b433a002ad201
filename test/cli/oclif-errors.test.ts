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
  });

  it('names a flag the command does not have, with the one meant when it is close, and where the flags are listed', () => {
    const flags = { selector: {}, cron: {}, every: {}, 'env-from-var': {}, timeout: {}, tz: {} };
    const nonexistent = (...names: string[]) => `Nonexistent flag${names.length > 1 ? 's' : ''}: ${names.join(', ')}\nSee more help with --help`;
    expect(oclifMessage(nonexistent('--selekt'), flags, 'schedule:create')).toBe(
      'unknown flag --selekt (did you mean --selector?); "parallax schedule create --help" lists the flags',
    );
    expect(oclifMessage(nonexistent('--cronn', '--bogus', '--env-form-var=A=b'), flags, 'schedule:create')).toBe(
      'unknown flags --cronn (did you mean --cron?), --bogus, --env-form-var=A=b (did you mean --env-from-var?); "parallax schedule create --help" lists the flags',
    );
    expect(oclifMessage(nonexistent('--sel'), flags)).toBe('unknown flag --sel (did you mean --selector?)');
    // Too far from every flag to guess.
    expect(oclifMessage(nonexistent('--x'), flags)).toBe('unknown flag --x');
    expect(oclifMessage(nonexistent('--zone'), flags)).toBe('unknown flag --zone');
  });

  it('names the missing arguments, and where a flag that takes several values may have taken one', () => {
    const missing = 'Missing 2 required args:\nid      Name of the member.\naddress HOST:PORT it listens on.\nSee more help with --help';
    expect(oclifMessage(missing, {}, 'cluster:add')).toBe('missing ID (Name of the member), ADDRESS (HOST:PORT it listens on); "parallax cluster add --help" shows the usage');
    const noted = 'Missing 1 required arg:\nname  Name of the schedule.\n\nNote: --env, --selector allow multiple values. Because of this you need to provide all arguments before providing those flags.\nAlternatively, you can use "--" to signify the end of the flags and the beginning of arguments.';
    expect(oclifMessage(noted)).toBe('missing NAME (Name of the schedule); if it was given, a flag that takes several values took it: put it before --env, --selector');
  });

  it("names a flag's value that is not one of its choices, and the choices", () => {
    expect(oclifMessage('Expected --misfire=bogus to be one of: skip, once, all\nSee more help with --help')).toBe('invalid --misfire "bogus": expected skip, once or all');
  });
});
