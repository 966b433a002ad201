import { describe, expect, it } from 'vitest';
import { parseTiming } from '../../src/coordinator/scheduler/due.js';
import { TrackedSchedules } from '../../src/coordinator/scheduler/tracked.js';

const everyMinute = parseTiming('@every 1m', 'UTC');

describe('the schedules a scheduler follows', () => {
  it('keeps each schedule’s numbers apart, through growth past the first rows', () => {
    const tracked = new TrackedSchedules();
    const n = 5_000;
    for (let i = 0; i < n; i++) {
      const t = tracked.add(i % 2 === 0 ? 'a' : 'b', `s${i}`, everyMinute);
      t.settled = 1_700_000_000_000 + i;
      t.after = t.settled - 1;
      t.dueAt = i % 3 === 0 ? null : t.settled + 60_000;
      t.at = t.settled + 60_000 + i;
      t.jitter = i;
      t.catchupMs = 3_600_000;
      t.createdAt = 1_600_000_000_000 + i;
    }
    expect(tracked.size).toBe(n);
    for (let i = 0; i < n; i++) {
      const t = tracked.get(i % 2 === 0 ? 'a' : 'b', `s${i}`)!;
      expect([t.name, t.settled, t.after, t.dueAt, t.at, t.jitter, t.catchupMs, t.createdAt]).toEqual([
        `s${i}`,
        1_700_000_000_000 + i,
        1_700_000_000_000 + i - 1,
        i % 3 === 0 ? null : 1_700_000_000_000 + i + 60_000,
        1_700_000_000_000 + i + 60_000 + i,
        i,
        3_600_000,
        1_600_000_000_000 + i,
      ]);
    }
    expect(tracked.get('b', 's0')).toBeUndefined();
    expect([...tracked.values()].length).toBe(n);
  });

  it('starts a schedule with no due time, and a removed schedule’s row starts the next one afresh', () => {
    const tracked = new TrackedSchedules();
    const first = tracked.add('t', 'one', everyMinute);
    expect([first.dueAt, first.settled, first.after, first.queued, first.misfire]).toEqual([null, 0, 0, false, 'once']);
    first.settled = 42;
    first.dueAt = 60_000;
    first.misfire = 'all';
    tracked.due.set(first.row);
    expect(first.queued).toBe(true);
    tracked.remove('t', 'one');
    expect(tracked.next()).toBeUndefined();
    expect(tracked.size).toBe(0);
    expect(tracked.get('t', 'one')).toBeUndefined();
    const second = tracked.add('t', 'two', everyMinute);
    expect(second.row).toBe(first.row);
    expect([second.dueAt, second.settled, second.queued, second.misfire]).toEqual([null, 0, false, 'once']);
    // Removing a schedule twice, or one never followed, changes nothing.
    tracked.remove('t', 'one');
    tracked.remove('u', 'one');
    expect(tracked.get('t', 'two')?.row).toBe(second.row);
    expect(tracked.size).toBe(1);
    expect(() => tracked.add('t', 'two', everyMinute)).toThrow(/followed already/);
  });

  it('hands out the schedule to fire first, through moves and removals', () => {
    const tracked = new TrackedSchedules();
    // A seeded shuffle of due times, some equal.
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const live = new Map<string, number>();
    for (let i = 0; i < 3_000; i++) {
      const t = tracked.add('t', `s${i}`, everyMinute);
      t.at = 1_700_000_000_000 + Math.floor(random() * 1_000) * 1_000;
      tracked.due.set(t.row);
      live.set(t.name, t.at);
    }
    for (let i = 0; i < 3_000; i += 3) {
      const t = tracked.get('t', `s${i}`)!;
      if (i % 2 === 0) {
        tracked.remove('t', t.name);
        live.delete(t.name);
      } else {
        t.at -= 500_000;
        tracked.due.set(t.row);
        live.set(t.name, t.at);
      }
    }
    const order: number[] = [];
    for (let t = tracked.next(); t !== undefined; t = tracked.next()) {
      expect(t.at).toBe(live.get(t.name));
      order.push(t.at);
      tracked.due.delete(t.row);
      expect(t.queued).toBe(false);
    }
    expect(order).toEqual([...live.values()].sort((a, b) => a - b));
  });

  it('forgets everything on clear', () => {
    const tracked = new TrackedSchedules();
    for (let i = 0; i < 10; i++) tracked.add('t', `s${i}`, everyMinute);
    tracked.clear();
    expect(tracked.size).toBe(0);
    expect([...tracked.values()]).toEqual([]);
    expect(tracked.add('t', 's1', everyMinute).row).toBe(0);
  });
});
