// The training provider's calls that the shared training module (./training) does not make: the courses of the
// provider organisations I work for. The catalogue answers every published course and my providers' drafts, so
// mine are picked from it by provider.
import { courses, type Course } from './training';
import type { Me } from './types';

/** The provider organisations the person works for (their provider roles). */
export function providerOrgIds(me: Pick<Me, 'roles'>): string[] {
  return me.roles.filter((r) => r.role === 'provider' && r.organization_id).map((r) => r.organization_id as string);
}

/** The courses of my provider organisations, newest first. */
export async function myCourses(me: Pick<Me, 'roles'>): Promise<Course[]> {
  const mine = new Set(providerOrgIds(me));
  return (await courses.all()).filter((c) => mine.has(c.provider_id));
}
