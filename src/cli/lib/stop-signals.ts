export interface StopSignals {
  /** Resolves with the first SIGINT, SIGTERM or SIGHUP. */
  readonly received: Promise<NodeJS.Signals>;
  dispose(): void;
}

/**
 * Turns SIGINT, SIGTERM and SIGHUP (the terminal went away) into a promise, so a foreground command can shut down
 * in order. A second signal while that is under way calls onRepeat (someone pressing Ctrl-C again wants out now).
 */
export function stopSignals(onRepeat: (signal: NodeJS.Signals) => void): StopSignals {
  let count = 0;
  let resolveReceived: (signal: NodeJS.Signals) => void = () => undefined;
  const received = new Promise<NodeJS.Signals>((resolve) => (resolveReceived = resolve));
  const handler = (signal: NodeJS.Signals) => {
    count += 1;
    if (count === 1) resolveReceived(signal);
    else onRepeat(signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, handler);
  return {
    received,
    dispose: () => {
      for (const signal of signals) process.off(signal, handler);
    },
  };
}
