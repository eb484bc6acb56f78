import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client';
import { sendOrMerge } from './conflictSave';

type Rec = { version: number; state: string };
const conflict = () => new ApiError(409, { title: 'stale' });

function world(opts: { failFirst?: boolean; state?: string; error?: ApiError }) {
  const log: string[] = [];
  let etag = '"1"';
  let sends = 0;
  const steps = {
    send: async () => {
      log.push(`send ${etag}`);
      if (sends++ === 0 && (opts.failFirst || opts.error)) throw opts.error ?? conflict();
      return { data: { version: 3, state: 'draft' } as Rec, etag: '"3"' };
    },
    reload: async () => ({ data: { version: 2, state: opts.state ?? 'draft' } as Rec, etag: '"2"' }),
    accept: (v: { data: Rec; etag: string | null }) => {
      etag = v.etag ?? '';
      log.push(`accept ${etag}`);
    },
    editable: (r: Rec) => r.state === 'draft',
    merged: (_r: Rec, editable: boolean) => log.push(`merged ${editable}`),
  };
  return { steps, log };
}

describe('sendOrMerge', () => {
  it('saves once when nobody else changed the record', async () => {
    const { steps, log } = world({});
    await sendOrMerge(steps);
    expect(log).toEqual(['send "1"', 'accept "3"']);
  });

  it('on 409 reads again, merges and sends once more with the new ETag', async () => {
    const { steps, log } = world({ failFirst: true });
    await sendOrMerge(steps);
    expect(log).toEqual(['send "1"', 'accept "2"', 'merged true', 'send "2"', 'accept "3"']);
  });

  it('a record no longer editable is merged for the eyes only, and the conflict is reported', async () => {
    const { steps, log } = world({ failFirst: true, state: 'submitted' });
    await expect(sendOrMerge(steps)).rejects.toMatchObject({ status: 409 });
    expect(log).toEqual(['send "1"', 'accept "2"', 'merged false']);
  });

  it('other failures are not conflicts', async () => {
    const { steps, log } = world({ error: new ApiError(0, { title: 'network' }) });
    await expect(sendOrMerge(steps)).rejects.toMatchObject({ status: 0 });
    expect(log).toEqual(['send "1"']);
  });
});
