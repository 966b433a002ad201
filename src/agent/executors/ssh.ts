import type { Client, ClientChannel } from 'ssh2';
import type { Executor, ExecutorCallbacks, RunHandle, RunOutcome, RunToStart } from './executor.js';
import { fingerprint, knownHostsName, knownHostsTrusts } from './known-hosts.js';

const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const DEFAULT_KILL_GRACE_MS = 10_000;

/**
 * What runs on the remote host: the command in a process group of its own (setsid), and a watcher that stops that
 * group when the channel's stdin ends, which is how the agent cancels, and what happens when the connection drops:
 * SIGTERM, then SIGKILL once the grace ($2 seconds) is over. It does not rely on SSH signal requests, which sshd
 * honours only for some logins. Exit status: the command's (128 + the signal when it was killed).
 *
 * A cancel can come before the command has made its group (setsid runs after the fork): the watcher then stops the
 * command by its pid, and sends the group its SIGTERM should the group appear all the same. The watcher looks once a
 * second, so it ends within a second of the command, and holds none of the channel: sshd closes the channel only
 * once nothing holds it.
 */
const WRAPPER = [
  'exec 3<&0',
  'setsid sh -c "$1" </dev/null & pid=$!',
  '(',
  '  read -r _ <&3; exec 3<&-',
  '  if kill -TERM -"$pid"; then group=1; else group=; kill -TERM "$pid"; fi',
  '  i=0',
  '  while [ "$i" -lt "$2" ] && { kill -0 -"$pid" || kill -0 "$pid"; }; do',
  '    [ -n "$group" ] || ! kill -TERM -"$pid" || group=1',
  '    sleep 1; i=$((i + 1))',
  '  done',
  '  kill -KILL -"$pid"; kill -KILL "$pid"',
  ') >/dev/null 2>&1 &',
  'watcher=$!',
  // Quiet: the shell would print "Terminated" into the run's output when the command is stopped.
  'wait "$pid" 2>/dev/null; code=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$code"',
].join('\n');

/** A word for a POSIX shell, quoted so it stays one word whatever it holds. */
export function shellWord(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs spec.shell on a host that has no agent, over SSH (ssh2): key authentication with the private key from a
 * variable, the host key checked against pinned fingerprints or a known_hosts variable (an unknown host is refused
 * with its fingerprint), output streamed as it comes, connection and command timeouts, and the remote process group
 * killed on cancel or timeout. The run's environment goes as SSH env requests (the server must AcceptEnv them).
 */
export class SshExecutor implements Executor {
  start(run: RunToStart, callbacks: ExecutorCallbacks): RunHandle {
    const ssh = run.spec.ssh!;
    const graceMs = run.spec.killGraceMs !== undefined && run.spec.killGraceMs > 0 ? run.spec.killGraceMs : DEFAULT_KILL_GRACE_MS;
    const target = `${ssh.user}@${ssh.host}:${ssh.port}`;
    /** Made once ssh2 is loaded (with the first SSH run: an agent that only runs commands never holds it). */
    let client: Client | undefined;
    let channel: ClientChannel | undefined;
    let ending: RunOutcome | undefined;
    let settle: (outcome: RunOutcome) => void = () => {};
    const outcome = new Promise<RunOutcome>((resolve) => (settle = resolve));
    let settled = false;
    const finish = (result: RunOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeoutTimer);
      clearTimeout(killTimer);
      client?.end();
      settle(ending ?? result);
    };
    let killTimer: NodeJS.Timeout | undefined;
    /** Stops the remote command (its group gets SIGTERM, then SIGKILL), and the connection if it does not end. */
    const stop = (result: RunOutcome, waitMs: number) => {
      ending ??= result;
      if (channel === undefined) return finish(result);
      channel.end();
      killTimer ??= setTimeout(() => finish(result), waitMs + 2_000);
    };
    const timeoutMs = run.spec.timeoutMs !== undefined && run.spec.timeoutMs > 0 ? run.spec.timeoutMs : 0;
    const timedOut = () => {
      // Nothing ran: the host was not reached (or did not let us in) within the run's whole time.
      if (channel === undefined) return finish({ state: 'failed', error: `ssh to ${target}: not connected within the run's timeout (${seconds(timeoutMs)})` });
      stop({ state: 'timed_out', error: `timed out after ${seconds(timeoutMs)}` }, graceMs);
    };
    const timeoutTimer = timeoutMs > 0 ? setTimeout(timedOut, timeoutMs) : undefined;

    import('ssh2').then(
      ({ Client: SshClient }) => {
        if (settled) return;
        client = this.connect(new SshClient(), run, callbacks, {
          target,
          graceMs,
          finish,
          ready: () => ending,
          onChannel: (stream) => (channel = stream),
        });
      },
      (err: unknown) => finish({ state: 'failed', error: `cannot start on ${target}: the SSH library could not be loaded: ${err instanceof Error ? err.message : String(err)}` }),
    );
    return {
      pid: undefined,
      cancel: (reason: string) => stop({ state: 'cancelled', error: reason }, graceMs),
      kill: () => stop({ state: 'cancelled', error: 'killed' }, 0),
      outcome,
    };
  }

  /** Connects `client`, runs the command once it is ready, and says how it ended through `finish`. */
  private connect(
    client: Client,
    run: RunToStart,
    callbacks: ExecutorCallbacks,
    hooks: { target: string; graceMs: number; finish(result: RunOutcome): void; ready(): RunOutcome | undefined; onChannel(stream: ClientChannel): void },
  ): Client {
    const ssh = run.spec.ssh!;
    const { target, graceMs, finish } = hooks;
    let refusedKey: string | undefined;
    client.on('ready', () => {
      // Cancelled or timed out while connecting: nothing is started.
      const ending = hooks.ready();
      if (ending !== undefined) return finish(ending);
      const env = { ...(run.spec.env ?? {}), PARALLAX_RUN_ID: run.runId, PARALLAX_ATTEMPT: String(run.attempt), PARALLAX_SCHEDULE: run.schedule };
      const command = `sh -c ${shellWord(WRAPPER)} parallax-run ${shellWord(run.spec.shell ?? '')} ${Math.ceil(graceMs / 1000)}`;
      client.exec(command, { env }, (err, stream) => {
        if (err) return finish({ state: 'failed', error: `cannot start on ${target}: ${err.message}` });
        hooks.onChannel(stream);
        callbacks.onStarted?.();
        let exit: { code: number | null; signal: string | undefined } = { code: null, signal: undefined };
        stream.on('data', (data: Buffer) => callbacks.onOutput('stdout', data));
        stream.stderr.on('data', (data: Buffer) => callbacks.onOutput('stderr', data));
        stream.on('exit', (code: number | null, signal?: string) => (exit = { code, signal }));
        stream.on('close', () => {
          if (exit.code === 0) return finish({ state: 'succeeded', exitCode: 0 });
          if (exit.code === null) return finish({ state: 'failed', error: `the connection to ${target} ended before the command did`, ...(exit.signal ? { signal: `SIG${exit.signal}` } : {}) });
          return finish({ state: 'failed', exitCode: exit.code });
        });
      });
    });
    client.on('error', (err: Error & { level?: string }) => {
      if (refusedKey !== undefined) {
        return finish({
          state: 'failed',
          error: `the host key of ${ssh.host}:${ssh.port} (${refusedKey}) is not trusted: pin it with --ssh-host-key ${refusedKey}, or add the host to the known_hosts variable`,
        });
      }
      finish({ state: 'failed', error: `ssh to ${target}: ${err.message}` });
    });
    client.on('close', () => finish({ state: 'failed', error: `the connection to ${target} closed` }));
    try {
      client.connect({
        host: ssh.host,
        port: ssh.port,
        username: ssh.user,
        privateKey: ssh.privateKey,
        readyTimeout: ssh.connectTimeoutMs !== undefined && ssh.connectTimeoutMs > 0 ? ssh.connectTimeoutMs : DEFAULT_CONNECT_TIMEOUT_MS,
        hostVerifier: (key: Buffer) => {
          const print = fingerprint(key);
          const trusted = (ssh.hostKeys ?? []).includes(print) || knownHostsTrusts(ssh.knownHosts ?? '', knownHostsName(ssh.host, ssh.port), key);
          if (!trusted) refusedKey = print;
          return trusted;
        },
      });
    } catch (err) {
      // ssh2 throws at once for a key it cannot parse.
      finish({ state: 'failed', error: `cannot start on ${target}: ${err instanceof Error ? err.message : String(err)}` });
    }
    return client;
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms} ms`;
}
