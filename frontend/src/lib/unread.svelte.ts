// The bell's unread count: read on every page change and every minute while the tab is visible.
import { notifications } from './api';

export const unread = $state<{ count: number }>({ count: 0 });

export const POLL_MS = 60_000;

/** Reads the count again; a failure keeps the last one (the bell is not worth an error message). */
export async function refreshUnread(): Promise<void> {
  try {
    unread.count = await notifications.unreadCount();
  } catch {
    // keep the last count
  }
}

/** Polls while the page is visible; returns the stop function. */
export function startUnreadPolling(): () => void {
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') void refreshUnread();
  }, POLL_MS);
  const onVisible = () => {
    if (document.visibilityState === 'visible') void refreshUnread();
  };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
