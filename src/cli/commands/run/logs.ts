import { Args, Flags } from '@oclif/core';
import { StringDecoder } from 'node:string_decoder';
import type { Run__Output } from '../../../common/proto/gen/parallax/v1/Run.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call, readRunOutput } from '../../lib/client.js';
import { droppedNotice } from '../../lib/describe.js';
import { RawOutput } from '../../lib/raw-output.js';
import { runJson } from '../../lib/wire-json.js';

export interface OutputJson {
  stream: string;
  data: string;
  seq: number;
}

interface Logs {
  run: Run__Output;
  /** Only collected with --json; otherwise the output went straight to stdout and stderr. */
  output: OutputJson[];
}

// Without --follow the server sends what it has and ends the stream; this only bounds a coordinator that hangs.
const READ_DEADLINE_MS = 60_000;

export default class RunLogs extends BaseCommand<Logs> {
  static override summary = "Print a run's output.";

  static override description = `The run's stdout goes to stdout and its stderr to stderr, byte for byte, so the output can be piped. With --follow, keeps printing until the run ends. Exits 0 whatever the run's outcome: use "parallax run wait" for that (it exits with the run's outcome).`;

  static override args = {
    id: Args.string({ description: 'Id of the run.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    follow: Flags.boolean({ char: 'f', summary: 'Keep printing new output until the run ends.' }),
  };

  static override examples = [
    '<%= config.bin %> <%= command.id %> 01jd4m8x2k7q9w3e5r6t8y0u1i',
    '<%= config.bin %> <%= command.id %> --follow "$(<%= config.bin %> schedule trigger hello)"',
  ];

  async run(): Promise<Logs> {
    const { args, flags } = await this.parse(RunLogs);
    const conn = await this.control(flags);
    const json = this.jsonEnabled();
    let run = await call(conn, 'getRun', { id: args.id });
    if (!json && run.outputTruncatedBytes > 0) process.stderr.write(droppedNotice(run.outputTruncatedBytes));
    // Someone watching a run that has not started is told why nothing comes; a pipe gets the run's bytes alone.
    if (!json && flags.follow && run.state === 'queued' && process.stderr.isTTY) {
      process.stderr.write(`[parallax: run ${run.id} is queued${run.queuedReason === '' ? '' : `: ${run.queuedReason}`}; its output follows once it starts]\n`);
    }

    const output: OutputJson[] = [];
    // One decoder per stream, so a character split across two chunks is not mangled in the JSON strings.
    const decoders = new Map<string, StringDecoder>();
    const raw = json ? undefined : new RawOutput(process.stdout, process.stderr);
    const reader = readRunOutput(
      conn,
      { id: args.id, follow: flags.follow },
      async (chunk) => {
        if (chunk.run !== null) run = chunk.run;
        if (chunk.data.length === 0) return;
        if (raw !== undefined) {
          await raw.write(chunk.stream, chunk.data);
          return;
        }
        let decoder = decoders.get(chunk.stream);
        if (decoder === undefined) decoders.set(chunk.stream, (decoder = new StringDecoder('utf8')));
        output.push({ stream: chunk.stream, data: decoder.write(chunk.data), seq: chunk.seq });
      },
      flags.follow ? undefined : READ_DEADLINE_MS,
    );
    raw?.onClosed(() => reader.cancel());
    try {
      await reader.done;
    } finally {
      raw?.dispose();
    }
    for (const [stream, decoder] of decoders) {
      const rest = decoder.end();
      const last = output.findLast((item) => item.stream === stream);
      if (rest !== '' && last !== undefined) last.data += rest;
    }
    return { run, output };
  }

  protected override toJson(result: Logs): unknown {
    return { run: runJson(result.run), output: result.output };
  }

  protected render(): void {
    // The output was written while it streamed in.
  }
}
