import type { ParseArgsConfig } from 'node:util';
import { closest } from './closest.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * What was wrong with a daemon's command line, from node:util's parseArgs error: its own messages suggest `--` tricks
 * that do not apply here. Names the flag and what is accepted; `values` gives the placeholder a flag's value is shown
 * with (VALUE when it has none).
 */
export function describeParseError(err: unknown, program: string, options: Options, values: Readonly<Record<string, string>> = {}): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof Error && 'code' in err ? err.code : undefined;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const flags = Object.keys(options)
    .map((name) => `--${name}`)
    .join(', ');
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const meant = closest(quoted.replace(/^-+/, ''), Object.keys(options));
      return `unknown flag ${quoted}${meant === undefined ? '' : ` (did you mean --${meant}?)`}: accepted flags are ${flags}`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}": ${program} takes only flags (${flags})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = quoted.split(' ')[0] ?? quoted;
      const name = flag.replace(/^--?/, '');
      if (options[name]?.type !== 'string') return `${flag} takes no value`;
      const example = `${flag} ${values[name] ?? 'VALUE'}`;
      // parseArgs takes a value that begins with "-" for the next flag, unless it is joined on with "=".
      const dashed = message.includes('ambiguous') ? ` (a value that begins with "-" is given as ${flag}=VALUE)` : '';
      return `${flag} needs a value, as in ${example}${dashed}`;
    }
    default:
      return message;
  }
}
