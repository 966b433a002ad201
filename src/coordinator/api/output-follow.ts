import type { ServerWritableStream } from '@grpc/grpc-js';
import type { OutputChunk } from '../../common/proto/gen/parallax/v1/OutputChunk.js';
import type { ReadRunOutputRequest__Output } from '../../common/proto/gen/parallax/v1/ReadRunOutputRequest.js';
import type { ReplicatedLog } from '../replication/log.js';
import * as q from '../state/queries.js';
import { isActive, type RunRecord } from '../state/records.js';
import { runToWire } from './convert.js';

type Stream = ServerWritableStream<ReadRunOutputRequest__Output, OutputChunk>;

/**
 * Sends a run's output in order; with `follow`, keeps sending what arrives until the run has ended. It listens for
 * changes before its first read, so nothing written in between is missed, and reads from its cursor on every
 * change, so a burst of chunks costs one read. The last message carries the run.
 *
 * A stream is allowed when it opens, and a follow can last as long as its run. Whenever tokens, users or roles
 * change, `stillAllowed` is asked again before anything more is sent: a revoked token, or a role taken away, ends
 * the stream with the error a new call would get.
 */
export async function followOutput(
  log: ReplicatedLog,
  tenant: string,
  runId: string,
  { follow, fromSeq, stillAllowed }: { follow: boolean; fromSeq: number; stillAllowed(): Promise<unknown> },
  call: Stream,
): Promise<void> {
  let wake: (() => void) | undefined;
  let dirty = true;
  let recheck = false;
  const unsubscribe = log.onApplied((events) => {
    for (const e of events) {
      const ours = (e.kind === 'run.output' || e.kind === 'run.changed') && e.runId === runId && e.tenant === tenant;
      const identity = e.kind === 'identity.changed' || e.kind === 'state.replaced';
      if (identity) recheck = true;
      if (ours || identity) {
        dirty = true;
        wake?.();
      }
    }
  });
  const cancelled = new Promise<void>((resolve) => call.once('cancelled', () => resolve()));
  let closed = false;
  void cancelled.then(() => {
    closed = true;
    wake?.();
  });
  try {
    let cursor = Math.max(0, fromSeq);
    let run: RunRecord = await log.read((s) => q.getRun(s, tenant, runId));
    for (;;) {
      dirty = false;
      if (recheck) {
        recheck = false;
        await stillAllowed();
      }
      const { chunks, current } = await log.read(async (s) => ({
        current: await q.getRun(s, tenant, runId),
        chunks: await q.readOutput(s, tenant, runId, cursor),
      }));
      run = current;
      for (const chunk of chunks) {
        cursor = chunk.index + 1;
        if (!call.write({ stream: chunk.stream, data: chunk.data, seq: chunk.index, run: null })) {
          await Promise.race([new Promise<void>((resolve) => call.once('drain', () => resolve())), cancelled]);
        }
        if (closed) return;
      }
      if (!follow || !isActive(run.state) || closed) break;
      if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (closed) return;
    }
    call.write({ stream: '', data: Buffer.alloc(0), seq: cursor, run: runToWire(run) });
    call.end();
  } finally {
    unsubscribe();
  }
}
