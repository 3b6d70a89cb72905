/**
 * How long a caller that must not be held up waits for the queue store: BullMQ waits for a Redis connection that is
 * down instead of failing, so an approval request, an enqueue or an admin's page would otherwise wait forever.
 */
export const QUEUE_ANSWER_TIMEOUT_MS = 3000;

/**
 * `work`, or `onTimeout()`'s error once `ms` have passed without an answer. Giving up does not undo the work: an add
 * may still land, which the caller must say when it matters.
 */
export function answeredWithin<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
