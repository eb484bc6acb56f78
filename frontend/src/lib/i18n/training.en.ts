// English messages matching training.cs.ts; spread into en.ts.
import type { Message } from './format';
import type { trainingCs } from './training.cs';

export const trainingEn: Record<keyof typeof trainingCs, Message> = {};
