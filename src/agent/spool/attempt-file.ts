import { type FileHandle, open, rename, rm, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * One attempt's spool file. Every operation runs in the order it was asked for, one at a time, off the caller's
 * path: appends made while a write is under way are gathered into the next write. A failure (a full disk, an I/O
 * error) is reported once and makes the file inert: the attempt is then reported from memory alone, as it would be
 * without a spool, and the file is not trusted again.
 */
export class AttemptFile {
  private handle: FileHandle | undefined;
  /** Where the next write goes: the end of what has been written. */
  private position = 0;
  private chain: Promise<void> = Promise.resolve();
  private broken = false;
  /** remove() was asked: whatever is queued behind it, or not yet begun before it, is pointless. */
  private removed = false;
  /** The appends not yet handed to a write, and the promise of that write. */
  private group: { buffers: Buffer[]; written: Promise<void> } | undefined;
  private dirSynced: boolean;
  /** Bytes appended since the file was created or last rewritten (whether written yet or not). */
  appended = 0;

  private constructor(
    readonly path: string,
    private readonly onError: (what: string, err: unknown) => void,
    created: boolean,
  ) {
    this.dirSynced = !created;
  }

  /** A new file (replacing one of the same name). */
  static create(path: string, onError: (what: string, err: unknown) => void): AttemptFile {
    const file = new AttemptFile(path, onError, true);
    file.chain = open(path, 'w', 0o600).then(
      (handle) => void (file.handle = handle),
      (err: unknown) => file.fail('open', err),
    );
    return file;
  }

  /** A file read at start: what follows its `validBytes` (a torn tail) is cut off before anything is appended. */
  static reopen(path: string, validBytes: number, onError: (what: string, err: unknown) => void): AttemptFile {
    const file = new AttemptFile(path, onError, false);
    file.appended = validBytes;
    file.position = validBytes;
    file.chain = (async () => {
      const handle = await open(path, 'r+');
      file.handle = handle;
      await handle.truncate(validBytes);
    })().catch((err: unknown) => file.fail('open', err));
    return file;
  }

  /** Appends the buffers; the promise settles once they are written (not synced). It never rejects. */
  append(buffers: Buffer[]): Promise<void> {
    for (const buffer of buffers) this.appended += buffer.length;
    if (this.group === undefined) {
      const group: { buffers: Buffer[]; written: Promise<void> } = { buffers: [], written: Promise.resolve() };
      group.written = this.then('write', async (handle) => {
        if (this.group === group) this.group = undefined;
        await this.writeAll(handle, group.buffers);
      });
      this.group = group;
    }
    this.group.buffers.push(...buffers);
    return this.group.written;
  }

  /** Everything appended so far reaches the disk (fdatasync; the directory too, the first time). Never rejects. */
  sync(): Promise<void> {
    return this.then('sync', async (handle) => {
      await handle.datasync();
      if (!this.dirSynced) {
        await syncDirectory(dirname(this.path));
        this.dirSynced = true;
      }
    });
  }

  /**
   * Replaces the file with these buffers (what is still unacknowledged, rewritten): a temporary file is written and
   * synced, then renamed over this one, so a crash leaves either the old file or the new one.
   */
  rewrite(buffers: Buffer[]): Promise<void> {
    const size = buffers.reduce((sum, b) => sum + b.length, 0);
    this.appended = size;
    return this.then('rewrite', async (handle) => {
      const temporary = `${this.path}.tmp`;
      const next = await open(temporary, 'w', 0o600);
      try {
        await writeFully(next, buffers, 0);
        await next.datasync();
      } catch (err) {
        await next.close();
        await rm(temporary, { force: true });
        throw err;
      }
      await rename(temporary, this.path);
      this.handle = next;
      this.position = size;
      await handle.close();
    });
  }

  /** Closes the file, keeping it for the agent's next start. */
  close(): Promise<void> {
    this.group = undefined;
    this.chain = this.chain.then(async () => {
      const handle = this.handle;
      this.handle = undefined;
      await handle?.close().catch(() => undefined);
    });
    return this.chain;
  }

  /** Closes and deletes the file: the coordinator has everything in it, or wants none of it. */
  remove(): Promise<void> {
    this.group = undefined;
    this.removed = true;
    this.chain = this.chain.then(async () => {
      const handle = this.handle;
      this.handle = undefined;
      this.broken = true;
      await handle?.close().catch(() => undefined);
      // unlink, not rm: rm looks the path up first (lstat), a system call more for every run.
      await unlink(this.path).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.onError('delete', err);
      });
    });
    return this.chain;
  }

  private then(what: string, op: (handle: FileHandle) => Promise<void>): Promise<void> {
    if (what !== 'write') this.group = undefined;
    this.chain = this.chain.then(async () => {
      if (this.broken || this.removed || this.handle === undefined) return;
      try {
        await op(this.handle);
      } catch (err) {
        this.fail(what, err);
      }
    });
    return this.chain;
  }

  private async writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
    this.position = await writeFully(handle, buffers, this.position);
  }

  private fail(what: string, err: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.onError(what, err);
  }
}

/** Writes every byte of the buffers at `position` (writev may write less than asked); returns the end. */
async function writeFully(handle: FileHandle, buffers: Buffer[], position: number): Promise<number> {
  const rest = buffers.filter((b) => b.length > 0);
  while (rest.length > 0) {
    let { bytesWritten } = await handle.writev(rest, position);
    if (bytesWritten <= 0) throw new Error('the disk accepted no more bytes');
    position += bytesWritten;
    while (rest.length > 0 && bytesWritten >= rest[0]!.length) bytesWritten -= rest.shift()!.length;
    if (bytesWritten > 0) rest[0] = rest[0]!.subarray(bytesWritten);
  }
  return position;
}

export async function syncDirectory(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
