import { hostname } from 'node:os';
import { isParallaxError } from '../common/errors.js';
import { createLogger } from '../common/logger.js';
import { VERSION } from '../common/version.js';
import { Agent } from './agent.js';
import { parseAgentArgs, USAGE } from './args.js';

const PROGRAM = 'parallax-agent';

function main(): void {
  let command;
  try {
    command = parseAgentArgs(process.argv.slice(2), process.env, hostname());
  } catch (err) {
    process.stderr.write(`${PROGRAM}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(isParallaxError(err) ? err.exitCode : 1);
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }

  const logger = createLogger('agent');
  let agent: Agent;
  const { spoolLimitBytes, ...settings } = command.settings;
  try {
    agent = new Agent({ ...settings, spool: { maxBytes: spoolLimitBytes }, logger });
    agent.start();
  } catch (err) {
    logger.error('cannot start the agent', { error: err instanceof Error ? err.message : String(err) });
    // A data directory in use is a conflict (6), as for a coordinator; anything unforeseen is 1.
    process.exit(isParallaxError(err) ? err.exitCode : 1);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.info('already stopping; runs are being cancelled and reported', { signal });
      return;
    }
    stopping = true;
    logger.info('stopping', { signal });
    // Agent.stop is bounded (the drain grace, then 15 s); this only guards against a defect keeping the daemon from
    // ever exiting.
    setTimeout(() => {
      logger.error('stop did not finish in time; exiting anyway');
      process.exit(1);
    }, command.settings.drainGraceMs + 20_000).unref();
    agent.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('could not stop cleanly', { error: err instanceof Error ? err.message : String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
