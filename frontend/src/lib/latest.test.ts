import { describe, expect, it } from 'vitest';
import { latestLoad } from './latest';

describe('latestLoad', () => {
  it('tells only the load begun last that it is current', () => {
    const begin = latestLoad();
    const first = begin();
    expect(first()).toBe(true);
    const second = begin();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });

  it('keeps separate counts for separate pages', () => {
    const a = latestLoad();
    const b = latestLoad();
    const loadA = a();
    b();
    expect(loadA()).toBe(true);
  });
});
