import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second in /proc's times: USER_HZ, 100 on every Linux architecture Node runs on. */
const USER_HZ = 100;
/** How far a process's start from /proc may be from the time the agent wrote down when it spawned it. */
const START_TOLERANCE_MS = 2_000;

function bootTimeMs(): number | undefined {
  const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith('btime '));
  return line === undefined ? undefined : Number(line.slice(6)) * 1000;
}

/** The state, process group and start time (ms since the epoch) of `pid`, from /proc; undefined when it is gone. */
function processInfo(pid: number): { state: string; pgrp: number; startedAt: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: the fields that follow start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const boot = bootTimeMs();
  if (boot === undefined) return undefined;
  return { state: fields[0] ?? '', pgrp: Number(fields[2]), startedAt: boot + (Number(fields[19]) * 1000) / USER_HZ };
}

/** Whether any process of group `pgrp` is still alive (not a zombie left unreaped, as in a container without init). */
function groupAlive(pgrp: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = processInfo(Number(entry));
    if (info !== undefined && info.pgrp === pgrp && info.state !== 'Z' && info.state !== 'X') return true;
  }
  return false;
}

/**
 * Kills the process group of a run the agent started before it was killed itself (kill -9, OOM): the run was left
 * running in its own group, and its attempt is reported failed, so it must not go on beside a retry. Only when
 * `pid` still leads its own group and started when the agent spawned it, so a reused pid is never hit. Linux only
 * (elsewhere there is no /proc to tell a reused pid apart): returns whether it killed.
 */
export function killOrphanedRun(pid: number, spawnedAt: number): boolean {
  if (process.platform !== 'linux' || !(pid > 1)) return false;
  const info = processInfo(pid);
  if (info === undefined || info.pgrp !== pid || Math.abs(info.startedAt - spawnedAt) > START_TOLERANCE_MS) return false;
  if (!groupAlive(pid)) return false;
  try {
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}
