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
  'chart.labelOf': 'Download the chart: {what}',
  'chart.svg': 'Download SVG',
  'chart.png': 'Download PNG',
  'chart.svgOf': 'Download SVG: {what}',
  'chart.pngOf': 'Download PNG: {what}',
  'chart.failed': 'The picture of the chart could not be made.',
} satisfies Record<string, Message>;
