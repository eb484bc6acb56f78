// Who is signed in. The access token is in the API client's memory; the refresh cookie is HttpOnly.
import { auth, client } from './api';
import type { AuthResponse, Me } from './api/types';
import { navigate, router } from './router.svelte';

export const session = $state<{ status: 'loading' | 'anon' | 'authed'; me: Me | null }>({
  status: 'loading',
  me: null,
});

function accept(r: AuthResponse): void {
  session.me = r.user;
  session.status = 'authed';
}

function lost(): void {
  if (session.status !== 'authed') return;
  session.me = null;
  session.status = 'anon';
  const back = router.path + router.search;
  navigate(`/prihlaseni${back && back !== '/' && back !== '/prihlaseni' ? `?zpet=${encodeURIComponent(back)}` : ''}`, {
    replace: true,
  });
}

client.onRefreshed = (r) => {
  if (r.user) session.me = r.user;
};
client.onSessionLost = lost;

/** On app start: try the refresh cookie once. */
export async function bootstrap(): Promise<void> {
  const r = await client.refresh();
  if (r) {
    if (!r.user) r.user = await auth.me();
    accept(r);
  } else {
    session.status = 'anon';
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  const r = await auth.login(email, password);
  if (!r.user) r.user = await auth.me();
  accept(r);
}

export async function signOut(): Promise<void> {
  try {
    await auth.logout();
  } catch {
    // the session ends here anyway
  }
  session.me = null;
  session.status = 'anon';
  navigate('/prihlaseni', { replace: true });
}

export function hasCapability(cap: string): boolean {
  return session.me?.capabilities.includes(cap) ?? false;
}
