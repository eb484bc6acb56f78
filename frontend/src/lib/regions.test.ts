import { describe, expect, it } from 'vitest';
import { REGIONS, isValidIco, regionName } from './regions';

describe('IČO checksum', () => {
  it.each(['00064581', '25596641', '00006947', '45274649', '00216208'])('accepts %s', (ico) => {
    expect(isValidIco(ico)).toBe(true);
  });
  it.each(['00064582', '12345678', '1234567', '123456789', 'abcdefgh', ''])('rejects %s', (ico) => {
    expect(isValidIco(ico)).toBe(false);
  });
});

describe('regions', () => {
  it('has the 14 kraje with unique CZ-NUTS 3 codes', () => {
    expect(REGIONS).toHaveLength(14);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(14);
    expect(REGIONS[0].code).toBe('CZ010');
    expect(REGIONS[13].code).toBe('CZ080');
  });
  it('names a region in both languages', () => {
    expect(regionName('CZ063', 'cs')).toBe('Kraj Vysočina');
    expect(regionName('CZ063', 'en')).toBe('Vysočina Region');
    expect(regionName('XX999', 'cs')).toBe('XX999');
    expect(regionName(null, 'cs')).toBe('');
  });
});
