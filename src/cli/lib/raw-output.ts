/**
 * Writes run output byte for byte to our stdout or stderr, waiting for a full pipe to drain. When the reader of
 * stdout goes away (`parallax run logs ID | head`), writes stop and onClosed listeners are told, so the command can
 * end quietly instead of failing with EPIPE.
 */
export class RawOutput {
  private closed = false;
  private readonly waiting = new Set<() => void>();
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    private readonly stdout: NodeJS.WritableStream,
    private readonly stderr: NodeJS.WritableStream,
  ) {
    stdout.on('error', this.onError);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  onClosed(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** `stream` is the run's stream name; anything but "stderr" goes to stdout. */
  async write(stream: string, data: Uint8Array): Promise<void> {
    if (this.closed) return;
    const target = stream === 'stderr' ? this.stderr : this.stdout;
    if (target.write(data)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.waiting.delete(done);
        target.off('drain', done);
        resolve();
      };
      this.waiting.add(done);
      target.once('drain', done);
    });
  }

  dispose(): void {
    this.stdout.off('error', this.onError);
  }

  private readonly onError = (err: NodeJS.ErrnoException): void => {
    if (err.code !== 'EPIPE') return;
    this.closed = true;
    for (const resume of [...this.waiting]) resume();
    for (const listener of this.closeListeners.splice(0)) listener();
  };
}
