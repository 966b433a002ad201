import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { scriptCommand } from '../../common/script-launch.js';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit({ code, signal }: ChildExit): string {
  return signal !== null ? `killed by ${signal}` : `with code ${code ?? 'unknown'}`;
}

const TAIL_LINES = 50;
const CLOSE_GRACE_MS = 500;

/**
 * A Node.js program run as a child process, its stdout and stderr passed on line by line with a prefix (`coordinator
 * | …`). It gets its own process group so that a Ctrl-C in the terminal reaches only us and we forward it once: a
 * daemon that sees SIGINT twice may take the second as "stop now, skip the clean shutdown".
 */
export class Child {
  readonly exited: Promise<ChildExit>;
  private readonly process: ChildProcess;
  private readonly tail: string[] = [];
  private exit: ChildExit | undefined;

  constructor(
    readonly name: string,
    script: string,
    args: readonly string[],
    writeLine: (line: string) => void,
    env: NodeJS.ProcessEnv = {},
  ) {
    const command = scriptCommand(script, args);
    this.process = spawn(command.file, command.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, ...command.env, ...env },
    });
    this.exited = new Promise((resolve) => {
      this.process.once('error', (err) => {
        this.remember(`could not start: ${err.message}`);
        this.exit ??= { code: null, signal: null };
        resolve(this.exit);
      });
      this.process.once('exit', (code, signal) => {
        this.exit ??= { code, signal };
        const exit = this.exit;
        // Its last lines may still be in the pipes; a grandchild holding them open must not keep us waiting.
        const timer = setTimeout(() => resolve(exit), CLOSE_GRACE_MS);
        this.process.once('close', () => {
          clearTimeout(timer);
          resolve(exit);
        });
      });
    });
    for (const stream of [this.process.stdout, this.process.stderr]) {
      if (stream !== null) this.forward(stream, writeLine);
    }
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** The last lines it printed, to tell why it died. */
  recentLines(): readonly string[] {
    return this.tail;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.process.kill(signal);
  }

  /** Sends `signal`, and SIGKILL if it has not exited after graceMs. */
  async stop(signal: NodeJS.Signals, graceMs: number): Promise<ChildExit> {
    if (!this.running) return this.exited;
    this.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
    const first = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (first === 'timeout') this.kill('SIGKILL');
    return this.exited;
  }

  private forward(stream: Readable, writeLine: (line: string) => void): void {
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    lines.on('line', (line) => {
      this.remember(line);
      writeLine(`${this.name} | ${line}`);
    });
  }

  private remember(line: string): void {
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
  }
}
