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
  // Charts as pictures (ChartDownloads).
  'chart.labelOf': 'Stáhnout graf: {what}',
  'chart.svg': 'Stáhnout SVG',
  'chart.png': 'Stáhnout PNG',
  'chart.svgOf': 'Stáhnout SVG: {what}',
  'chart.pngOf': 'Stáhnout PNG: {what}',
  'chart.failed': 'Obrázek grafu se nepodařilo připravit.',
} satisfies Record<string, Message>;
