// A Svelte action for a box that may scroll sideways (a wide table on a phone): while its content overflows,
// it is focusable, so keyboard users can scroll it too (WCAG 2.1.1; axe "scrollable-region-focusable").
export function scrollable(el: HTMLElement): { destroy: () => void } {
  const update = () => {
    if (el.scrollWidth > el.clientWidth + 1) el.tabIndex = 0;
    else el.removeAttribute('tabindex');
  };
  update();
  const observer = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(update) : null;
  observer?.observe(el);
  return { destroy: () => observer?.disconnect() };
}
