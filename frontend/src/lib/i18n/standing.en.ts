// English messages matching standing.cs.ts; spread into en.ts.
import type { Message } from './format';
import type { standingCs } from './standing.cs';

export const standingEn: Record<keyof typeof standingCs, Message> = {
  'std.title': 'Supervision and support in the team',
  'std.link': "Supervision and support in the team against the organisation's policy",
  'std.intro': "How the team keeps your organisation's supervision policy and how many hours of supervision and professional support each member had in a year.",
  'std.notCounted':
    'Supervision and professional support hours do not count toward the statutory training (§ 111 of Act No. 108/2006 Coll.) nor toward any other statutory training requirement.',
  'std.year': 'Year',
  'std.rules': "The organisation's policy",
  'std.rule.team': {
    one: 'Team supervision at least every week.',
    other: 'Team supervision at least every {count} weeks.',
  },
  'std.rule.individual': {
    one: 'Individual supervision at least {count} hour a year per worker.',
    other: 'Individual supervision at least {count} hours a year per worker.',
  },
  'std.rule.none': 'The organisation has set no supervision policy.',
  'std.teamSupervision': 'Team supervision',
  'std.lastHeld': 'Last held',
  'std.nextPlanned': 'Next planned',
  'std.noSession': 'none',
  'std.longestGap': 'Longest stretch without it',
  'std.gap': { one: '{count} day', other: '{count} days' },
  'std.gapOf': {
    one: '{count} day (policy: at most {limit} days)',
    other: '{count} days (policy: at most {limit} days)',
  },
  'std.gapHint': 'From the last team supervision before the year began, up to today at the latest.',
  'std.teamState': 'Against the policy',
  'std.badge.within': 'within policy',
  'std.badge.outside': 'outside policy',
  'std.badge.none': 'no rule',
  'std.hours': 'Supervision hours in {year}',
  'std.hoursCaption': 'Supervision hours by person and kind, and individual supervision against the policy',
  'std.kind.individual': 'Individual',
  'std.kind.group': 'Group',
  'std.kind.team': 'Team',
  'std.kind.case': 'Case',
  'std.individualState': 'Individual supervision against the policy',
  'std.noPeople': 'The team has no members.',
  'std.support': 'Professional support hours in {year}',
  'std.policy.title': 'Supervision policy',
  'std.policy.intro':
    "It applies to all the organisation's teams; their leads see who keeps it. An empty field means the rule does not apply.",
  'std.policy.current': 'In force now',
  'std.policy.updated': 'Last changed {date}.',
  'std.policy.weeks': 'Team supervision at least every … weeks',
  'std.policy.weeksHint': 'Whole weeks from 1 to 52.',
  'std.policy.hours': 'Individual supervision … hours a year per worker',
  'std.policy.hoursHint': 'Hours in a calendar year, e.g. 4 or 2.5 (at most 200).',
  'std.policy.save': 'Save the policy',
  'std.policy.saved': 'The supervision policy is saved.',
  'std.policy.conflict':
    'Someone else changed the policy meanwhile; what is in force now is shown above. Your values stay in the form – save them again if they should apply.',
  'std.err.weeks': 'Enter whole weeks from 1 to 52, or leave the field empty.',
  'std.err.hours': 'Enter hours above 0 and at most 200 (at most two decimals), or leave the field empty.',
};
