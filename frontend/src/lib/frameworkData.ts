// Framework trees, kept in memory: a published version never changes, so it is fetched once per session.
import { frameworks, type Versioned } from './api';
import type { FrameworkNode, FrameworkTree } from './api/types';
import { latestPublished } from './framework';

const cache = new Map<string, Promise<Versioned<FrameworkTree>>>();

export function loadTree(id: string, fresh = false): Promise<Versioned<FrameworkTree>> {
  const hit = cache.get(id);
  if (hit && !fresh) return hit;
  const p = frameworks.get(id).then((v) => {
    if (v.data.status === 'draft') cache.delete(id); // drafts change: fetch them again next time
    return v;
  });
  cache.set(id, p);
  p.catch(() => cache.delete(id));
  return p;
}

export function forgetTree(id: string): void {
  cache.delete(id);
}

/** The domains of the version in force, for naming a domain code (K1) where only the code came; [] when none. */
export async function currentDomains(): Promise<FrameworkNode[]> {
  const current = latestPublished(await frameworks.list());
  return current ? ((await loadTree(current.id)).data.domains ?? []) : [];
}
