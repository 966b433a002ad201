import { readFileSync } from 'node:fs';

/**
 * The Node.js flags a script's first line gives it (`#!/usr/bin/env -S node --max-semi-space-size=4`). The system
 * runs a daemon's script as an executable, and the kernel passes these flags; a launcher that runs it with
 * `process.execPath` instead (`parallax dev`, tests, benchmarks) passes them too, so the daemon runs the same way.
 */
export function scriptNodeFlags(script: string): string[] {
  let first: string;
  try {
    first = readFileSync(script, 'utf8').split('\n', 1)[0] ?? '';
  } catch {
    return [];
  }
  const flags = /^#!(?:\S*\benv\s+(?:-S\s+)?node|\S*\/node)((?:\s+--\S+)*)\s*$/.exec(first)?.[1] ?? '';
  return flags.split(/\s+/).filter(Boolean);
}
