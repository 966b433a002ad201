import { readFileSync } from 'node:fs';

/** How a script's first line starts Node.js: the variables env(1) sets first, and Node's own flags. */
export interface ScriptLaunch {
  env: Record<string, string>;
  flags: string[];
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/**
 * How to run a daemon's script with this Node.js (`parallax dev`, tests, benchmarks) the way the system runs it as
 * an executable: with the flags and variables of its first line (see scriptLaunch), after `nodeFlags` of the
 * caller's own (a profiler's, say). Spawn `file` with `args`, and `env` over the caller's environment.
 */
export function scriptCommand(script: string, args: readonly string[], nodeFlags: readonly string[] = []): { file: string; args: string[]; env: Record<string, string> } {
  const launch = scriptLaunch(script);
  return { file: process.execPath, args: [...nodeFlags, ...launch.flags, script, ...args], env: launch.env };
}

/**
 * What a script's first line gives Node.js (`#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=4`):
 * the kernel and env(1) apply both when the system runs the script as an executable. A first line that does not
 * start Node.js gives nothing.
 */
export function scriptLaunch(script: string): ScriptLaunch {
  const none: ScriptLaunch = { env: {}, flags: [] };
  let first: string;
  try {
    first = readFileSync(script, 'utf8').split('\n', 1)[0] ?? '';
  } catch {
    return none;
  }
  const command = /^#!\s*(\S+)\s*(.*)$/.exec(first);
  if (command === null) return none;
  const interpreter = command[1]!;
  const rest = command[2]!;
  let words: string[];
  if (/(^|\/)env$/.test(interpreter)) {
    // `env node` or `env -S "…"`: env(1) splits the rest of the line into words only with -S.
    const split = /^-S\s+(.*)$/.exec(rest);
    words = split === null ? [rest.trim()] : split[1]!.trim().split(/\s+/);
  } else {
    words = [interpreter, ...rest.trim().split(/\s+/).filter(Boolean)];
  }
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length; i++) {
    const assignment = ASSIGNMENT.exec(words[i]!);
    if (assignment === null) break;
    env[assignment[1]!] = assignment[2]!;
  }
  const flags = words.slice(i + 1);
  if (!/(^|\/)node$/.test(words[i] ?? '') || !flags.every((f) => f.startsWith('--'))) return none;
  return { env, flags };
}
