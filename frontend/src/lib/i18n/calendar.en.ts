// English messages matching calendar.cs.ts; spread into en.ts.
import type { calendarCs } from './calendar.cs';
import type { Message } from './format';

export const calendarEn: Record<keyof typeof calendarCs, Message> = {
  'cal.title': 'Calendar',
  'home.desc.calendar': 'Your training and supervision sessions in the calendar on your phone or in Outlook.',
  'cal.intro':
    'A calendar subscription adds your training and supervision sessions to the calendar you already use and keeps them up to date. It holds only the title, time and place, nothing about people or cases.',
  'cal.feeds': 'My subscriptions',
  'cal.none': 'You have no subscription yet.',
  'cal.created': 'Created {date}',
  'cal.lastUsed': 'last fetched {date}',
  'cal.neverUsed': 'not fetched yet',
  'cal.new': 'New subscription',
  'cal.name': 'Name',
  'cal.nameHint': 'After the device that subscribes, e.g. “Phone”.',
  'cal.create': 'Create the subscription',
  'cal.url': 'Subscription address',
  'cal.urlOnce':
    'You see this address only now. Copy it into your calendar; whoever knows it sees your sessions. If you lose it, revoke the subscription and make a new one.',
  'cal.copy': 'Copy the address',
  'cal.copied': 'The address is copied.',
  'cal.copyFailed': 'The address could not be copied; select it and copy it by hand.',
  'cal.howTo': 'How to add the subscription',
  'cal.howGoogle':
    'Google Calendar (on a computer): next to “Other calendars” choose + → “From URL”, paste the address and confirm “Add calendar”.',
  'cal.howOutlook':
    'Outlook: Calendar → “Add calendar” → “Subscribe from web” (or “From Internet”), paste the address and confirm.',
  'cal.howApple':
    'Apple (iPhone): Settings → Calendar → Accounts → Add Account → Other → “Add Subscribed Calendar”, paste the address. On a Mac: Calendar → File → New Calendar Subscription.',
  'cal.revoke': 'Revoke',
  'cal.revokeTitle': 'Revoke the subscription?',
  'cal.revokeText': 'The calendar “{name}” stops getting your sessions and its address stops working. This cannot be undone.',
  'cal.revoked': 'The subscription “{name}” is revoked.',
  'cal.download': 'Add to calendar (.ics)',
};
