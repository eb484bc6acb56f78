import { describe, expect, it } from 'vitest';
import { Autosave, type Timers } from './autosave.svelte';

/** Timers run by hand: `tick()` fires what is due. */
function manualTimers() {
  let queue: { fn: () => void; id: number }[] = [];
  let n = 0;
  const timers: Timers = {
    set: (fn) => {
      queue.push({ fn, id: ++n });
      return n;
    },
    clear: (h) => {
      queue = queue.filter((x) => x.id !== h);
    },
  };
  return {
    timers,
    pending: () => queue.length,
    tick: () => {
      const due = queue;
      queue = [];
      for (const x of due) x.fn();
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('Autosave', () => {
  it('batches changes made within the pause; the last value per key wins', async () => {
    const sent: [string, number][][] = [];
    const m = manualTimers();
    const a = new Autosave<number>(async (b) => void sent.push([...b]), 500, m.timers);
    a.set('x', 1);
    a.set('y', 2);
    a.set('x', 3);
    expect(a.status).toBe('pending');
    expect(m.pending()).toBe(1);
    m.tick();
    await settle();
    expect(sent).toEqual([[['x', 3], ['y', 2]]]);
    expect(a.status).toBe('saved');
    expect(a.dirty).toBe(false);
    expect(a.savedAt).not.toBeNull();
  });

  it('sends one batch at a time; changes made while saving go in the next one', async () => {
    const sent: string[][] = [];
    let release!: () => void;
    const m = manualTimers();
    const a = new Autosave<string>(
      (b) => {
        sent.push([...b.keys()]);
        return sent.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
      500,
      m.timers,
    );
    a.set('x', 'a');
    m.tick();
    expect(a.status).toBe('saving');
    a.set('y', 'b');
    m.tick(); // the pause ends while the first batch is in flight: nothing is sent
    expect(sent).toEqual([['x']]);
    expect([...a.unsaved.keys()]).toEqual(['x', 'y']);
    release();
    await settle();
    expect(a.status).toBe('pending');
    m.tick();
    await settle();
    expect(sent).toEqual([['x'], ['y']]);
    expect(a.status).toBe('saved');
  });

  it('a failed batch goes back under what was typed since, and flush sends it again', async () => {
    let fail = true;
    const sent: [string, string][][] = [];
    const m = manualTimers();
    const a = new Autosave<string>(
      async (b) => {
        sent.push([...b]);
        if (fail) throw new Error('offline');
      },
      500,
      m.timers,
    );
    a.set('x', 'old');
    a.set('z', 'keep');
    m.tick();
    await settle();
    expect(a.status).toBe('error');
    expect((a.error as Error).message).toBe('offline');
    a.set('x', 'new');
    expect(Object.fromEntries(a.unsaved)).toEqual({ x: 'new', z: 'keep' });
    fail = false;
    expect(await a.flush()).toBe(true);
    expect(sent.at(-1)).toEqual([['x', 'new'], ['z', 'keep']]);
    expect(a.status).toBe('saved');
    expect(a.error).toBeNull();
  });

  it('flush sends at once and waits; false when saving failed; discard forgets the queue', async () => {
    const m = manualTimers();
    const a = new Autosave<number>(async () => {
      throw new Error('409');
    }, 500, m.timers);
    a.set('x', 1);
    expect(await a.flush()).toBe(false);
    expect(m.pending()).toBe(0);
    expect(a.dirty).toBe(true);
    a.discard();
    expect(a.dirty).toBe(false);
    expect(a.status).toBe('idle');
  });
});
