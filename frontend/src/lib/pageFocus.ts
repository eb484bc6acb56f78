// After a navigation the new page's heading takes the focus, so screen-reader users hear where they are. A page
// whose code loads later (components/Lazy.svelte) has no heading yet; it asks again once it is shown.
import { tick } from 'svelte';

let pending = false;

function tryFocus(): void {
  const h1 = document.querySelector<HTMLElement>('main h1, h1');
  if (!h1) return;
  h1.tabIndex = -1;
  h1.focus({ preventScroll: true });
  pending = false;
}

/** A navigation happened: focus the new page's heading once it is rendered. */
export function focusHeading(): void {
  pending = true;
  void tick().then(tryFocus);
}

/** A lazily loaded page is now shown: focus its heading if a navigation is still waiting for one. */
export function headingShown(): void {
  if (pending) void tick().then(tryFocus);
}
