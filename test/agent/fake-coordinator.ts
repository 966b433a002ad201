import * as grpc from '@grpc/grpc-js';
import { FailedPreconditionError, type ParallaxError } from '../../src/common/errors.js';
import { toServiceError } from '../../src/common/grpc-errors.js';
import { agentProto } from '../../src/common/proto/load.js';
import type { AgentMessage__Output } from '../../src/common/proto/gen/parallax/v1/AgentMessage.js';
import type { AgentServiceHandlers } from '../../src/common/proto/gen/parallax/v1/AgentService.js';
import type { AppendOutputRequest__Output } from '../../src/common/proto/gen/parallax/v1/AppendOutputRequest.js';
import type { CoordinatorMessage } from '../../src/common/proto/gen/parallax/v1/CoordinatorMessage.js';
import type { Hello__Output } from '../../src/common/proto/gen/parallax/v1/Hello.js';
import type { OutputPiece__Output } from '../../src/common/proto/gen/parallax/v1/OutputPiece.js';
import type { RunFinishedRequest__Output } from '../../src/common/proto/gen/parallax/v1/RunFinishedRequest.js';
import type { RunStartedRequest__Output } from '../../src/common/proto/gen/parallax/v1/RunStartedRequest.js';

export type Report =
  | { kind: 'started'; request: RunStartedRequest__Output }
  | { kind: 'output'; request: AppendOutputRequest__Output }
  | { kind: 'finished'; request: RunFinishedRequest__Output };

/**
 * Just enough of a coordinator's AgentService to watch an agent: it welcomes every Hello, records what it is told,
 * stores output pieces by seq (ignoring repeats, as the real one does) and can be told to refuse or fail reports.
 */
export class FakeCoordinator {
  readonly hellos: Hello__Output[] = [];
  readonly messages: AgentMessage__Output[] = [];
  /** Reports it accepted, in the order they arrived. */
  readonly reports: Report[] = [];
  /** AppendOutput calls seen, accepted or not. */
  appendCalls = 0;
  readonly pieces = new Map<string, OutputPiece__Output[]>();
  /** Answers AppendOutput with this error instead of storing, while set. */
  appendError: (() => ParallaxError | grpc.StatusObject | undefined) | undefined;
  /** Refuses every report of a run with this error, while it returns one (fencing: the attempt is not current). */
  refuse: (runId: string) => ParallaxError | undefined = () => undefined;
  heartbeatIntervalMs = 100;
  /** Told in the Welcome; 0 (the default) tells none, and the agent then never stops a run on its own. */
  leaseTtlMs = 0;
  /** Answers each heartbeat with LeaseRenewed while true; false plays a leader the agent cannot get through to. */
  renewLeases = true;
  /** Heartbeats it answered with LeaseRenewed, and when it answered the last one (Date.now). */
  renewals = 0;
  lastRenewalAt = 0;
  /** Sessions the agent ended politely. */
  sessionsEnded = 0;
  private readonly server = new grpc.Server();
  private session: grpc.ServerDuplexStream<AgentMessage__Output, CoordinatorMessage> | undefined;

  static async listen(port = 0): Promise<FakeCoordinator> {
    const fake = new FakeCoordinator();
    fake.port = await new Promise<number>((resolve, reject) =>
      fake.server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
        err ? reject(err) : resolve(bound),
      ),
    );
    return fake;
  }

  port = 0;

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  private constructor() {
    const handlers: AgentServiceHandlers = {
      Session: (call) => {
        this.session = call;
        call.on('data', (message: AgentMessage__Output) => {
          this.messages.push(message);
          if (message.hello) {
            this.hellos.push(message.hello);
            call.write({ welcome: { nodeId: 'fake-1', heartbeatIntervalMs: this.heartbeatIntervalMs, leaseTtlMs: this.leaseTtlMs } });
          } else if (message.heartbeat && this.renewLeases) {
            this.renewals++;
            this.lastRenewalAt = Date.now();
            call.write({ renewed: { seq: message.heartbeat.seq } });
          }
        });
        call.on('end', () => {
          this.sessionsEnded++;
          call.end();
        });
        call.on('error', () => undefined);
      },
      RunStarted: (call, callback) => {
        const refused = this.refuse(call.request.runId);
        if (refused !== undefined) return callback(toServiceError(refused));
        this.reports.push({ kind: 'started', request: call.request });
        callback(null, {});
      },
      AppendOutput: (call, callback) => {
        this.appendCalls++;
        const refused = this.refuse(call.request.runId);
        if (refused !== undefined) return callback(toServiceError(refused));
        const error = this.appendError?.();
        if (error !== undefined) {
          callback('grpcStatus' in error ? toServiceError(error) : error);
          return;
        }
        this.reports.push({ kind: 'output', request: call.request });
        const key = `${call.request.runId}#${call.request.attempt}`;
        const stored = this.pieces.get(key) ?? [];
        for (const piece of call.request.pieces) if (piece.seq === stored.length) stored.push(piece);
        this.pieces.set(key, stored);
        callback(null, {});
      },
      RunFinished: (call, callback) => {
        const refused = this.refuse(call.request.runId);
        if (refused !== undefined) return callback(toServiceError(refused));
        this.reports.push({ kind: 'finished', request: call.request });
        callback(null, {});
      },
    };
    this.server.addService(agentProto().parallax.v1.AgentService.service, handlers);
  }

  send(message: CoordinatorMessage): void {
    if (this.session === undefined) throw new Error('no agent session is open');
    this.session.write(message);
  }

  hasSession(): boolean {
    return this.session !== undefined;
  }

  output(runId: string, attempt: number, stream?: string): string {
    return (this.pieces.get(`${runId}#${attempt}`) ?? [])
      .filter((piece) => stream === undefined || piece.stream === stream)
      .map((piece) => piece.data.toString())
      .join('');
  }

  finished(runId: string): RunFinishedRequest__Output | undefined {
    for (const report of this.reports) if (report.kind === 'finished' && report.request.runId === runId) return report.request;
    return undefined;
  }

  stop(): void {
    this.server.forceShutdown();
  }
}

export const stale = () => new FailedPreconditionError('attempt 1 of this run is no longer current');
