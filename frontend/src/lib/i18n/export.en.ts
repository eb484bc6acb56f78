// English messages matching export.cs.ts; spread into en.ts.
import type { exportCs } from './export.cs';
import type { Message } from './format';

export const exportEn: Record<keyof typeof exportCs, Message> = {
  'export.label': 'Download the list',
  'export.labelOf': 'Download: {what}',
  'export.csv': 'Download CSV',
  'export.xlsx': 'Download XLSX',
  'export.csvOf': 'Download CSV: {what}',
  'export.xlsxOf': 'Download XLSX: {what}',
  'export.busy': 'Preparing the file…',
} satisfies Record<string, Message>;
