/** Timers a component is given, so tests can drive time themselves. */
export interface Timer {
  cancel(): void;
}

export interface Timers {
  setTimeout(ms: number, fn: () => void): Timer;
}

export const systemTimers: Timers = {
  setTimeout(ms, fn) {
    const handle = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(handle) };
  },
};
