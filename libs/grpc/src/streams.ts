import type { EventEmitter } from 'node:events';

/**
 * Resolves when a gRPC stream (either side) can take more ('drain'), or is gone ('close', 'error', 'cancelled'):
 * a writer awaiting it never waits forever on a call that ended.
 */
export function untilWritable(stream: EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const events = ['drain', 'close', 'error', 'cancelled'] as const;
    const done = () => {
      for (const e of events) stream.off(e, done);
      resolve();
    };
    for (const e of events) stream.on(e, done);
  });
}
