// A list or a table downloaded as a file: the list endpoints answer the whole filtered list as CSV or XLSX.
import type { Query } from './api/client';

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

/**
 * The query of a list's file: the list's own filters (empty ones dropped, no paging: the file holds the whole list)
 * and the format. CSV always with semicolons, which Czech Excel opens as columns.
 */
export function exportQuery(filters: Query, format: ExportFormat): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(filters)) {
    if (k === 'limit' || k === 'cursor' || v === undefined || v === null || v === '') continue;
    out[k] = v;
  }
  out.format = format;
  if (format === 'csv') out.delimiter = 'semicolon';
  return out;
}

/** The downloaded file's name: the page's base name (Czech, no extension) and the format. */
export function exportFileName(base: string, format: ExportFormat): string {
  return `${base}.${format}`;
}
