import type { Message, NodeId } from '../../src/coordinator/raft/types.js';
import type { Prng } from './prng.js';

export interface NetworkFaults {
  dropRate: number;
  duplicateRate: number;
  /** Delivery takes 1 + [0, maxExtraDelay] ticks, so messages overtake each other (reordering). */
  maxExtraDelay: number;
}

interface InFlight {
  at: number;
  seq: number;
  message: Message;
}

/** A seeded network between simulated nodes: drops, duplicates, delays, reorders, and cuts links one way or both. */
export class SimNetwork {
  private queue: InFlight[] = [];
  private seq = 0;
  /** "from→to" links that are cut. */
  private readonly cut = new Set<string>();
  sent = 0;
  dropped = 0;
  /** The transport of a real node learns when a snapshot could not be streamed: so does the simulated sender. */
  onSnapshotLost: (message: Message) => void = () => {};

  constructor(
    private readonly prng: Prng,
    public faults: NetworkFaults,
  ) {}

  send(message: Message, now: number): void {
    this.sent++;
    if (this.cut.has(`${message.from}→${message.to}`) || this.prng.chance(this.faults.dropRate)) {
      this.dropped++;
      if (message.type === 'snap') this.onSnapshotLost(message);
      return;
    }
    const copies = this.prng.chance(this.faults.duplicateRate) ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      this.queue.push({ at: now + 1 + this.prng.int(0, this.faults.maxExtraDelay), seq: this.seq++, message: structuredClone(message) });
    }
  }

  /**
   * Messages due by `now` (those `only` accepts, when given), in delivery order, taken out of the queue; a link cut
   * while a message was in flight loses it.
   */
  deliver(now: number, only?: (message: Message) => boolean): Message[] {
    const due: InFlight[] = [];
    const rest: InFlight[] = [];
    for (const m of this.queue) (m.at <= now && (only === undefined || only(m.message)) ? due : rest).push(m);
    if (due.length === 0) return [];
    this.queue = rest;
    due.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const delivered: Message[] = [];
    for (const { message } of due) {
      if (!this.cut.has(`${message.from}→${message.to}`)) delivered.push(message);
      else if (message.type === 'snap') this.onSnapshotLost(message);
    }
    return delivered;
  }

  /** Cuts every link between the two groups, both ways (symmetric) or only from `a` to `b`. */
  partition(a: NodeId[], b: NodeId[], oneWay = false): void {
    for (const x of a) {
      for (const y of b) {
        this.cut.add(`${x}→${y}`);
        if (!oneWay) this.cut.add(`${y}→${x}`);
      }
    }
  }

  heal(): void {
    this.cut.clear();
  }

  /** Messages to a node that crashed are lost with it. */
  dropTo(node: NodeId): void {
    for (const m of this.queue) if (m.message.to === node && m.message.type === 'snap') this.onSnapshotLost(m.message);
    this.queue = this.queue.filter((m) => m.message.to !== node);
  }

  get pending(): number {
    return this.queue.length;
  }
}
