import { describe, expect, it } from 'vitest';
import { exportFileName, exportQuery } from './exportFile';

describe('exportQuery', () => {
  it('keeps the list filters, drops empty ones and paging, and asks CSV with semicolons', () => {
    const q = exportQuery({ organization_id: 'o1', role: '', q: 'nov', active: 'true', limit: 50, cursor: 'c1', x: null, y: undefined }, 'csv');
    expect(q).toEqual({ organization_id: 'o1', q: 'nov', active: 'true', format: 'csv', delimiter: 'semicolon' });
  });

  it('asks XLSX without a delimiter', () => {
    expect(exportQuery({ year: 2026, unconfirmed: true }, 'xlsx')).toEqual({ year: 2026, unconfirmed: true, format: 'xlsx' });
  });

  it('keeps false and zero, which are filters too', () => {
    expect(exportQuery({ active: false, n: 0 }, 'xlsx')).toEqual({ active: false, n: 0, format: 'xlsx' });
  });

  it('does not change the filters it was given', () => {
    const filters = { q: 'a', limit: 50 };
    exportQuery(filters, 'csv');
    expect(filters).toEqual({ q: 'a', limit: 50 });
  });
});

describe('exportFileName', () => {
  it('adds the format as the extension', () => {
    expect(exportFileName('uzivatele', 'csv')).toBe('uzivatele.csv');
    expect(exportFileName('plneni-vzdelavani-2026', 'xlsx')).toBe('plneni-vzdelavani-2026.xlsx');
  });
});
