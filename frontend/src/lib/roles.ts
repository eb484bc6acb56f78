// Role and scope wording for people.
import type { RoleAssignment } from './api/types';
import { regionName } from './regions';
import { locale, t } from './i18n/index.svelte';
import type { MessageKey } from './i18n/cs';

export function roleLabel(role: string): string {
  const key = `role.${role}` as MessageKey;
  const s = t(key);
  return s === key ? role : s;
}

/** "vedoucí týmu — tým OSPOD A (MěÚ Jihlava)" style description of a role in its scope. */
export function describeScope(r: RoleAssignment): string {
  const parts: string[] = [];
  if (r.team_id || r.team_name) parts.push(t('scope.team', { name: r.team_name ?? r.team_id ?? '' }));
  if (r.organization_id || r.organization_name)
    parts.push(t('scope.organization', { name: r.organization_name ?? r.organization_id ?? '' }));
  if (r.region_code) parts.push(t('scope.region', { name: regionName(r.region_code, locale.lang) }));
  return parts.length ? parts.join(', ') : t('scope.none');
}

export function describeRole(r: RoleAssignment): string {
  return `${roleLabel(r.role)} — ${describeScope(r)}`;
}

/** What scope a role takes in the admin form. */
/** `own`: the person's own organisation (a worker works where they are employed). */
export type ScopeKind = 'own' | 'provider' | 'team' | 'region' | 'none';
export function scopeKindOf(role: string): ScopeKind {
  switch (role) {
    case 'worker':
      return 'own';
    case 'lead':
      return 'team';
    case 'provider':
      return 'provider';
    case 'methodologist':
      return 'region';
    default:
      return 'none';
  }
}
