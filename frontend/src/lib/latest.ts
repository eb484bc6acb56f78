// Pages that reload when a filter changes must show the answer to the last choice: answers can arrive out of
// order, and an older one shown under a newer filter misleads (or, on a form, gets saved under the wrong key).

/**
 * Returns `begin`: each load calls it first and keeps what it returns, a function that tells whether that load is
 * still the latest one begun. A load that is no longer the latest leaves the page alone.
 */
export function latestLoad(): () => () => boolean {
  let begun = 0;
  return () => {
    const mine = ++begun;
    return () => mine === begun;
  };
}
