import { closest } from '../../common/closest.js';

/** A flag as oclif declares it: an integer flag's bounds are what its error is about. */
interface FlagBounds {
  min?: number;
  max?: number;
}

/**
 * oclif's message for a flag value its parser refused, in the words of the rest of the CLI: "Parsing --keep \n\t
 * Expected an integer greater than or equal to 1 but received: 0\nSee more help with --help" becomes
 * `invalid --keep "0": expected a whole number from 1 to 100000`, one line naming the flag and what it accepts.
 * Other oclif messages lose only the lines about --help.
 */
export function oclifMessage(message: string, flags: Readonly<Record<string, FlagBounds | undefined>> = {}, command?: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^See more help with --help$/.test(line));
  const unknown = /^Nonexistent flags?: (.+)$/.exec(lines[0] ?? '');
  if (unknown !== null) return unknownFlags(unknown[1]!.split(', '), Object.keys(flags), command);
  if (/^Missing \d+ required args?/.test(lines[0] ?? '')) return missingArgs(lines.slice(1), command);
  const option = /^Expected --([\w-]+)=(.*) to be one of: (.+)$/.exec(lines[0] ?? '');
  if (option !== null) return `invalid --${option[1]} "${option[2]}": expected ${oneOf(option[3]!.split(', '))}`;
  const parsing = /^Parsing (--[\w-]+)$/.exec(lines[0] ?? '');
  if (parsing === null) return lines.join(' ');
  const flag = parsing[1]!;
  const reason = lines.slice(1).join(' ');
  const integer = /^Expected an integer.* but received: (.*)$/.exec(reason);
  if (integer === null) return reason === '' ? `invalid ${flag}` : reason;
  const { min, max } = flags[flag.slice(2)] ?? {};
  const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of ${min} or more` : max !== undefined ? ` up to ${max}` : '';
  return `invalid ${flag} "${integer[1]}": expected a whole number${range}`;
}

/**
 * `missing NAME (Name of the schedule.); if it was given, it went to a flag that takes several values: put it
 * before --selector, --env; "parallax schedule create --help" shows the usage`, from oclif's list of the missing
 * arguments and its note on flags that take several values (a word after one is taken as its value).
 */
function missingArgs(lines: string[], command: string | undefined): string {
  const note = /^Note: (.+?) allows? multiple values/.exec(lines.find((line) => line.startsWith('Note: ')) ?? '');
  const missing = lines
    .filter((line) => !line.startsWith('Note: ') && !line.startsWith('Alternatively,'))
    .map((line) => /^(\S+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, name, description]) => `${name!.toUpperCase()} (${description!.replace(/\.$/, '')})`);
  const several = note === null ? '' : `; if it was given, a flag that takes several values took it: put it before ${note[1]}`;
  const help = command === undefined ? '' : `; "parallax ${command.replaceAll(':', ' ')} --help" shows the usage`;
  return `missing ${missing.length > 0 ? missing.join(', ') : 'an argument'}${several}${help}`;
}

/**
 * `unknown flag --selekt (did you mean --selector?); "parallax schedule create --help" lists the flags`: each flag
 * given that the command does not have, with the one meant when a flag's name is close to it.
 */
function unknownFlags(given: string[], names: string[], command: string | undefined): string {
  const described = given.map((flag) => {
    const meant = closest(flag.replace(/^-+/, '').split('=')[0]!, names);
    return meant === undefined ? flag : `${flag} (did you mean --${meant}?)`;
  });
  const help = command === undefined ? '' : `; "parallax ${command.replaceAll(':', ' ')} --help" lists the flags`;
  return `unknown flag${given.length === 1 ? '' : 's'} ${described.join(', ')}${help}`;
}

/** "a, b or c". */
function oneOf(choices: string[]): string {
  return choices.length < 2 ? choices.join('') : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
}
