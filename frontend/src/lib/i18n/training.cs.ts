// Czech messages of the training pages for workers and leads (catalogue, my training, hours and compliance); spread into cs.ts.
import type { Message } from './format';

export const trainingCs = {} satisfies Record<string, Message>;
