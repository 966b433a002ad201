import * as grpc from '@grpc/grpc-js';
import { FailedPreconditionError, InvalidArgumentError, type ParallaxError } from '../../src/common/errors.js';
import { toServiceError } from '../../src/common/grpc-errors.js';
import { LEADER_METADATA_KEY } from '../../src/common/metadata-keys.js';
import { agentProto } from '../../src/common/proto/load.js';
import type { AgentMessage__Output } from '../../src/common/proto/gen/parallax/v1/AgentMessage.js';
import type { AgentServiceHandlers } from '../../src/common/proto/gen/parallax/v1/AgentService.js';
import type { AppendOutputRequest__Output } from '../../src/common/proto/gen/parallax/v1/AppendOutputRequest.js';
import type { CoordinatorMessage } from '../../src/common/proto/gen/parallax/v1/CoordinatorMessage.js';
import type { Hello__Output } from '../../src/common/proto/gen/parallax/v1/Hello.js';
import type { OutputPiece__Output } from '../../src/common/proto/gen/parallax/v1/OutputPiece.js';
import type { Report__Output } from '../../src/common/proto/gen/parallax/v1/Report.js';
import type { ReportResult } from '../../src/common/proto/gen/parallax/v1/ReportResult.js';
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
  /** Reports that came on the Session stream (the rest came as unary calls). */
  sessionReports = 0;
  /** Reports that came as unary calls. */
  unaryReports = 0;
  /** Leaves reports on the Session stream unanswered while true (a coordinator that hangs). */
  ignoreSessionReports = false;
  /** Answers a Hello with a Welcome while true; false leaves new sessions waiting (the agent then has none). */
  welcomeSessions = true;
  /** While set, refuses every session as a coordinator that is not the leader does, naming this address as the leader's. */
  notLeader: string | undefined;
  /** Sessions refused as not the leader. */
  refusedAsFollower = 0;
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

  /**
   * Stops leading, as a coordinator does when leadership moves: ends the open session as it refuses new ones, naming
   * `leader` (empty: it knows none yet), and refuses the sessions that follow.
   */
  stepDown(leader: string): void {
    this.notLeader = leader;
    const metadata = new grpc.Metadata();
    metadata.set(LEADER_METADATA_KEY, leader);
    this.session?.emit('error', { code: grpc.status.UNAVAILABLE, details: 'this coordinator is not the leader', metadata });
    this.session = undefined;
  }

  private constructor() {
    const handlers: AgentServiceHandlers = {
      Session: (call) => {
        if (this.notLeader !== undefined) {
          this.refusedAsFollower++;
          const metadata = new grpc.Metadata();
          metadata.set(LEADER_METADATA_KEY, this.notLeader);
          call.emit('error', { code: grpc.status.UNAVAILABLE, details: `this coordinator is not the leader; the leader is at ${this.notLeader}`, metadata });
          return;
        }
        this.session = call;
        call.on('data', (message: AgentMessage__Output) => {
          this.messages.push(message);
          if (message.hello) {
            this.hellos.push(message.hello);
            if (this.welcomeSessions) call.write({ welcome: { nodeId: 'fake-1', heartbeatIntervalMs: this.heartbeatIntervalMs, leaseTtlMs: this.leaseTtlMs } });
          } else if (message.heartbeat && this.renewLeases) {
            this.renewals++;
            this.lastRenewalAt = Date.now();
            call.write({ renewed: { seq: message.heartbeat.seq } });
          } else if (message.report) {
            this.sessionReports++;
            this.answerOnSession(call, message.report);
          }
        });
        call.on('end', () => {
          this.sessionsEnded++;
          call.end();
        });
        call.on('error', () => undefined);
      },
      RunStarted: (call, callback) => this.answerUnary(this.started(call.request), callback),
      AppendOutput: (call, callback) => this.answerUnary(this.appended(call.request), callback),
      RunFinished: (call, callback) => this.answerUnary(this.finishedReport(call.request), callback),
    };
    this.server.addService(agentProto().parallax.v1.AgentService.service, handlers);
  }

  private started(request: RunStartedRequest__Output): ParallaxError | grpc.StatusObject | undefined {
    const refused = this.refuse(request.runId);
    if (refused !== undefined) return refused;
    this.reports.push({ kind: 'started', request });
    return undefined;
  }

  private appended(request: AppendOutputRequest__Output): ParallaxError | grpc.StatusObject | undefined {
    this.appendCalls++;
    const refused = this.refuse(request.runId) ?? this.appendError?.();
    if (refused !== undefined) return refused;
    this.reports.push({ kind: 'output', request });
    const key = `${request.runId}#${request.attempt}`;
    const stored = this.pieces.get(key) ?? [];
    for (const piece of request.pieces) if (piece.seq === stored.length) stored.push(piece);
    this.pieces.set(key, stored);
    return undefined;
  }

  private finishedReport(request: RunFinishedRequest__Output): ParallaxError | grpc.StatusObject | undefined {
    const refused = this.refuse(request.runId);
    if (refused !== undefined) return refused;
    this.reports.push({ kind: 'finished', request });
    return undefined;
  }

  private answerUnary(error: ParallaxError | grpc.StatusObject | undefined, callback: grpc.sendUnaryData<object>): void {
    this.unaryReports++;
    if (error === undefined) callback(null, {});
    else callback('grpcStatus' in error ? toServiceError(error) : error);
  }

  /** As the real coordinator answers a report on the session: its result, with the Parallax error code if refused. */
  private answerOnSession(call: grpc.ServerDuplexStream<AgentMessage__Output, CoordinatorMessage>, report: Report__Output): void {
    if (this.ignoreSessionReports) return;
    const error = report.started
      ? this.started(report.started)
      : report.output
        ? this.appended(report.output)
        : report.finished
          ? this.finishedReport(report.finished)
          : new InvalidArgumentError('an empty report', { field: 'report' });
    let result: ReportResult;
    if (error === undefined) result = { seq: report.seq, code: '' };
    else if ('grpcStatus' in error) result = { seq: report.seq, code: error.code, message: error.message };
    // A raw gRPC status (a coordinator in trouble) has no Parallax code: the agent hears it as unavailable.
    else result = { seq: report.seq, code: 'unavailable', message: error.details };
    call.write({ reportResult: result });
  }

  send(message: CoordinatorMessage): void {
    if (this.session === undefined) throw new Error('no agent session is open');
    this.session.write(message);
  }

  /** Ends the open session from the coordinator's side, as a leader that steps down does. */
  endSession(): void {
    this.session?.end();
    this.session = undefined;
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
