// Saving answers that others may change meanwhile (another tab, another device): on 409 read the record again,
// lay what was typed here over it, say so, and send once more if it is still editable. Nothing typed is lost.
import type { Versioned } from './api';
import { ApiError } from './api/client';

export interface ConflictSteps<T> {
  /** Sends the batch against the ETag the page holds now. */
  send: () => Promise<Versioned<T>>;
  /** Reads the record again. */
  reload: () => Promise<Versioned<T>>;
  /** Takes an answer (the record and its ETag) as the page's. */
  accept: (v: Versioned<T>) => void;
  /** Whether the page still edits the record as it is now. */
  editable: (record: T) => boolean;
  /** After reading it again: put back what is unsaved and tell the person (still editable or not). */
  merged: (record: T, editable: boolean) => void;
}

export async function sendOrMerge<T>(steps: ConflictSteps<T>): Promise<void> {
  try {
    steps.accept(await steps.send());
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 409) throw e;
    const fresh = await steps.reload();
    steps.accept(fresh);
    const editable = steps.editable(fresh.data);
    steps.merged(fresh.data, editable);
    if (!editable) throw e;
    steps.accept(await steps.send());
  }
}
