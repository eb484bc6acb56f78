// Czech messages of the training provider's pages (courses, sessions, registrants, attendance, certificates); spread into cs.ts.
import type { Message } from './format';

export const provideCs = {} satisfies Record<string, Message>;
