// Czech messages of the download buttons above lists and tables (ExportButtons); spread into cs.ts.
import type { Message } from './format';

export const exportCs = {
  'export.label': 'Stáhnout seznam',
  'export.labelOf': 'Stáhnout: {what}',
  'export.csv': 'Stáhnout CSV',
  'export.xlsx': 'Stáhnout XLSX',
  // The accessible names where a page has more lists: the visible words first (WCAG 2.5.3), then the list.
  'export.csvOf': 'Stáhnout CSV: {what}',
  'export.xlsxOf': 'Stáhnout XLSX: {what}',
  'export.busy': 'Připravuji soubor…',
} satisfies Record<string, Message>;
