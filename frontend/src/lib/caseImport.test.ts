import { describe, expect, it } from 'vitest';
import { importContentType, importProblems, importSummary } from './caseImport';

describe('CASE import', () => {
  it('sends JSON or YAML by the file name, then the browser type', () => {
    expect(importContentType('spod.json')).toBe('application/json');
    expect(importContentType('SPOD.YAML')).toBe('application/yaml');
    expect(importContentType('spod.yml')).toBe('application/yaml');
    expect(importContentType('balicek', 'application/json')).toBe('application/json');
    expect(importContentType('model.xlsx', 'application/vnd.ms-excel')).toBeNull();
  });

  it('lists every problem of a dry run or a 422', () => {
    expect(importProblems({ problems: [] })).toEqual([]);
    expect(
      importProblems({
        status: 422,
        errors: [
          { field: '/CFItems/3/identifier', code: 'unique', message: 'Duplicate identifier' },
          { field: '/CFAssociations/0', code: 'cycle', message: '' },
        ],
      }),
    ).toEqual([
      { field: '/CFItems/3/identifier', code: 'unique', message: 'Duplicate identifier' },
      { field: '/CFAssociations/0', code: 'cycle', message: 'cycle' },
    ]);
  });

  it('reads the server answer (nested counts and framework) and the flat first contract', () => {
    const nested = importSummary({
      dry_run: true,
      valid: true,
      framework: { id: 'f1', version: '2.0', status: 'draft', title_cs: 'M', title_en: 'M', published_on: null },
      counts: { items_by_type: { Domain: 2, Competency: 9 }, associations: 11, rubrics: 9, indicators: 72 },
      problems: null,
    });
    expect(nested).toMatchObject({
      itemsByType: [['Domain', 2], ['Competency', 9]],
      associations: 11,
      rubrics: 9,
      indicators: 72,
      problems: [],
      valid: true,
    });
    expect(nested.framework?.id).toBe('f1');
    const flat = importSummary({ items_by_type: { Competency: 1 }, associations: 1, rubrics: 0, problems: [{ message: 'x' }] });
    expect(flat).toMatchObject({ itemsByType: [['Competency', 1]], associations: 1, valid: false, framework: null });
    expect(importSummary({ id: 'f2', version: '1', status: 'draft', title_cs: '', title_en: '', published_on: null }).framework?.id).toBe('f2');
  });
});
