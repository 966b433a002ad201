import type { Hook } from '@oclif/core';
import { closest } from '../../common/closest.js';
import { ExitCode } from '../../common/errors.js';

/**
 * `parallax schedul list`: names the command not found, the one meant when its words are close to one, and where the
 * commands are listed, as an unknown flag is named; in the CLI's own format (an error document with --json), with
 * the usage exit code.
 */
const hook: Hook<'command_not_found'> = async function (opts) {
  const ids = opts.config.commands.filter((command) => command.hidden !== true).map((command) => command.id);
  const message = unknownCommand(opts.id, ids);
  if (opts.argv?.includes('--json') === true) {
    process.stdout.write(`${JSON.stringify({ error: { code: 'invalid_argument', message, field: null } }, null, 2)}\n`);
  } else {
    process.stderr.write(`Error: ${message}\n`);
  }
  this.exit(ExitCode.usage);
};

export default hook;

/** `unknown command "schedule lst" (did you mean "schedule list"?); "parallax schedule --help" lists its commands`. */
export function unknownCommand(id: string, ids: readonly string[]): string {
  const topics = [...new Set(ids.map((known) => known.split(':')[0]!))];
  const [first = '', second] = id.split(':');
  const known = topics.includes(first);
  const topic = known ? first : closest(first, topics);
  let meant: string | undefined;
  if (topic !== undefined && second !== undefined) {
    const names = ids.filter((known) => known.startsWith(`${topic}:`)).map((known) => known.slice(topic.length + 1));
    const name = names.includes(second) ? second : closest(second, names);
    // A mistyped topic is worth naming even when its command is not recognised.
    meant = name !== undefined ? `${topic} ${name}` : known ? undefined : topic;
  } else if (topic !== undefined) {
    meant = topic;
  }
  const where = known ? `"parallax ${first} --help" lists its commands` : '"parallax --help" lists the commands';
  // oclif joins every word before the first flag into the id: the arguments too. Commands are two words at most.
  const typed = id.split(':').slice(0, 2).join(' ');
  return `unknown command "${typed}"${meant === undefined ? '' : ` (did you mean "${meant}"?)`}; ${where}`;
}
