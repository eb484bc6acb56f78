// A tiny history-API router. The Go server serves index.html for every non-/api path.
export const router = $state<{ path: string; search: string }>({
  path: typeof location !== 'undefined' ? location.pathname : '/',
  search: typeof location !== 'undefined' ? location.search : '',
});

function sync(): void {
  router.path = location.pathname;
  router.search = location.search;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local value, not state
  const url = new URL(to, location.href);
  if (url.origin !== location.origin) {
    location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (opts.replace) history.replaceState(null, '', target);
  else if (target !== location.pathname + location.search + location.hash) history.pushState(null, '', target);
  sync();
  if (!opts.replace) window.scrollTo(0, 0);
}

/** The current query string, read once (not reactive). */
export function query(): URLSearchParams {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a snapshot, not state
  return new URLSearchParams(router.search);
}

/** Intercepts clicks on same-origin links so they navigate without a reload. */
export function startRouter(): () => void {
  const onPop = () => sync();
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || !(a instanceof HTMLAnchorElement)) return;
    if (a.target && a.target !== '_self') return;
    if (a.hasAttribute('download') || a.getAttribute('rel')?.includes('external')) return;
    const href = a.getAttribute('href');
    if (!href || href.startsWith('#') || href.startsWith('/api/')) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local value, not state
    const url = new URL(a.href);
    if (url.origin !== location.origin) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  window.addEventListener('popstate', onPop);
  document.addEventListener('click', onClick);
  return () => {
    window.removeEventListener('popstate', onPop);
    document.removeEventListener('click', onClick);
  };
}
