// The training provider's calls that the shared training module (./training) does not make: the courses of the
// provider organisations I work for, and attendance from a CSV file.
import { client } from './index';
import { courses, type Attendance, type AttendanceStatus, type Course } from './training';
import type { Me } from './types';

/** The provider organisations the person works for (their provider roles). */
export function providerOrgIds(me: Pick<Me, 'roles'>): string[] {
  return me.roles.filter((r) => r.role === 'provider' && r.organization_id).map((r) => r.organization_id as string);
}

/** The courses of my provider organisations (drafts included), newest first. */
export async function myCourses(me: Pick<Me, 'roles'>): Promise<Course[]> {
  const lists = await Promise.all(providerOrgIds(me).map((id) => courses.all({ provider_id: id })));
  return lists.flat().sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
}

/** One row of an attendance file as the API read and matched it. */
export interface AttendanceImportRow {
  /** The line in the file; the header is line 1. */
  row: number;
  values: { name: string; email: string; status: string; minutes: string };
  registration_id: string | null;
  person_id: string | null;
  person_name: string | null;
  status: AttendanceStatus | null;
  minutes: number | null;
  /** What is wrong with the row, by column. */
  problems: { field: 'name' | 'email' | 'status' | 'minutes'; code: string; message: string }[];
}

export interface AttendanceImport {
  rows: AttendanceImportRow[];
  /** No row has a problem. */
  valid: boolean;
  /** The attendance after saving; null in a dry run. */
  attendance: Attendance | null;
}

/**
 * Attendance from a CSV file (as Excel saves it): with `dryRun` only read and matched, row by row; else recorded
 * in one go. A closed session takes it only with the reason for the correction.
 */
export async function importAttendance(sessionId: string, csv: string, opts: { dryRun: boolean; reason?: string }): Promise<AttendanceImport> {
  const r = await client.request<AttendanceImport>('POST', `/api/v1/sessions/${encodeURIComponent(sessionId)}/attendance/import`, {
    query: { dry_run: opts.dryRun ? 'true' : undefined, reason: opts.reason || undefined },
    raw: { text: csv, contentType: 'text/csv' },
  });
  return r.data;
}
