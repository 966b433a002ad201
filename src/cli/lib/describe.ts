import type { ChalkInstance } from 'chalk';
import type { Agent__Output } from '../../common/proto/gen/parallax/v1/Agent.js';
import type { Run__Output } from '../../common/proto/gen/parallax/v1/Run.js';
import type { RunSpec__Output } from '../../common/proto/gen/parallax/v1/RunSpec.js';
import { shellQuote } from './output.js';

/** What a spec runs, as one line a person can read (and mostly paste). */
export function commandText(spec: RunSpec__Output | null): string {
  if (spec === null) return '-';
  if (spec.http !== null && spec.http !== undefined && spec.http.url !== '') return `${spec.http.method || 'GET'} ${spec.http.url}`;
  if (spec.argv.length > 0) return shellQuote(spec.argv);
  if (spec.ssh !== null && spec.ssh !== undefined && spec.ssh.host !== '') return `ssh ${spec.ssh.user}@${spec.ssh.host}${spec.ssh.port === 22 ? '' : `:${spec.ssh.port}`}: ${spec.shell}`;
  return spec.shell === '' ? '-' : spec.shell;
}

/** The exit code, or the signal that ended the run, or "-" while there is neither. */
export function exitText(run: Run__Output): string {
  if (typeof run.exitCode === 'number') return String(run.exitCode);
  return run.signal === '' ? '-' : run.signal;
}

/** Told on stderr before a run's output when its head was dropped to keep it under the per-run bound. */
export function droppedNotice(bytes: number): string {
  return `[parallax: ${bytes} bytes of the run's output were dropped: the oldest, beyond its output limit (what follows starts after them, maybe within a line), and any its agent could not send (a note in the output marks where)]\n`;
}

/** ready, drained (by an operator), stopping (the agent is shutting down) or offline (not connected). */
export function agentState(a: Agent__Output, c: ChalkInstance): { text: string; style: (s: string) => string } {
  if (!a.connected) return { text: a.drained ? 'offline, drained' : 'offline', style: c.red };
  if (a.stopping) return { text: 'stopping', style: c.yellow };
  if (a.drained) return { text: 'drained', style: c.yellow };
  return { text: 'ready', style: c.green };
}
