// The calendar-feed API (internal/calendar): my private feed URLs for calendar apps, and a session as an .ics file.
import { client } from './index';

export interface CalendarFeed {
  id: string;
  /** What the feed is for, e.g. the device that subscribes. */
  name: string;
  created_at: string;
  /** When a calendar app last fetched it (to the hour). */
  last_used_at: string | null;
}

/** A feed just made: the only answer that carries its URL (with the secret token). */
export interface NewCalendarFeed extends CalendarFeed {
  url: string;
}

export const calendarFeeds = {
  list: () => client.get<CalendarFeed[]>('/api/v1/calendar/feeds'),
  create: (name: string) => client.post<NewCalendarFeed>('/api/v1/calendar/feeds', { name }),
  revoke: async (id: string) => {
    await client.request<void>('DELETE', `/api/v1/calendar/feeds/${encodeURIComponent(id)}`);
  },
  /** A training session as an .ics file to open in a calendar app. */
  sessionIcs: (sessionId: string) => client.blob(`/api/v1/sessions/${encodeURIComponent(sessionId)}/ics`),
  /** A supervision session as an .ics file. */
  supervisionIcs: (sessionId: string) => client.blob(`/api/v1/supervision/sessions/${encodeURIComponent(sessionId)}/ics`),
};
