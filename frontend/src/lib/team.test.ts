import { describe, expect, it } from 'vitest';
import { plansAwaiting } from './team';

describe('plansAwaiting', () => {
  it("is the proposed plans of others, not the lead's own", () => {
    const plans = [
      { id: 'a', state: 'proposed' as const, person_id: 'jana' },
      { id: 'b', state: 'approved' as const, person_id: 'hana' },
      { id: 'c', state: 'proposed' as const, person_id: 'lead' },
    ];
    expect(plansAwaiting(plans, 'lead').map((p) => p.id)).toEqual(['a']);
  });
});
