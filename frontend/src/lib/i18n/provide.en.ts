// English messages matching provide.cs.ts; spread into en.ts.
import type { Message } from './format';
import type { provideCs } from './provide.cs';

export const provideEn: Record<keyof typeof provideCs, Message> = {};
