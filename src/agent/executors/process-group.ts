/**
 * Signals a whole process group (a run and everything it started). A group that is already gone (ESRCH) is what
 * we wanted, so it is not an error; any other failure (EPERM: a member changed its credentials) is returned for
 * the caller to log, because one stubborn process must not crash the agent.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals): Error | undefined {
  try {
    process.kill(-pgid, signal);
    return undefined;
  } catch (err) {
    if (isErrno(err) && err.code === 'ESRCH') return undefined;
    return err instanceof Error ? err : new Error(String(err));
  }
}

export function isErrno(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && 'code' in err;
}
