// Notices in the UI language: the API sends a kind and its params; the words are the SPA's. Pure: unit-tested.
import type { AppNotification } from './api/types';
import type { MessageKey } from './i18n/cs';
import type { Params } from './i18n/format';

/** The kinds a person may get by e-mail, in the order the preferences list them. */
export const NOTIFICATION_KINDS = [
  'assessment.submitted',
  'assessment.returned',
  'assessment.reviewed',
  'assessment.due',
  'plan.proposed',
  'plan.approved',
  'plan.returned',
  'registration.confirmed',
  'registration.waitlisted',
  'registration.promoted',
  'registration.nominated',
  'registration.approval_requested',
  'registration.rejected',
  'certificate.issued',
  'session.changed',
  'session.cancelled',
  'session.reminder',
  'external_training.recorded',
  'external_training.confirmed',
  'external_training.rejected',
  'supervision.planned',
  'supervision.moved',
  'supervision.cancelled',
  'supervision.unconfirmed',
  'account.invited',
] as const;

export type Translate = (key: MessageKey, params?: Params) => string;

/** The text of a notice: its kind's message with the actor, dates and period filled in. */
export function notificationText(n: Pick<AppNotification, 'kind' | 'params' | 'actor_name'>, t: Translate, date: (iso: string) => string): string {
  const p = n.params ?? {};
  const str = (k: string) => (p[k] === null || p[k] === undefined ? '' : String(p[k]));
  const params: Params = {
    actor: n.actor_name || t('notif.someone'),
    due: str('due') ? date(str('due')) : '—',
    person: str('person_name') || n.actor_name || t('notif.someone'),
    period: str('period_start') && str('period_end') ? `${date(str('period_start'))} – ${date(str('period_end'))}` : '',
    course: str('course'),
    when: str('date') ? `${date(str('date'))} ${str('time')}`.trim() : '',
    position: str('position'),
    title: str('title'),
    hours: str('hours'),
    reason: str('reason'),
    team: str('team'),
    count: str('count'),
  };
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(n.kind)) return t('notif.other');
  return t(`notif.${n.kind}` as MessageKey, params);
}

/** Where a notice leads: the link the server gave when it is a page of the SPA, else the list itself. */
export function notificationHref(n: Pick<AppNotification, 'link'>): string {
  return n.link && n.link.startsWith('/') && !n.link.startsWith('//') ? n.link : '/oznameni';
}
