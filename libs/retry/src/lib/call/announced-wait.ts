// A wait for a permit shorter than this (a probe's answer, the next lease) is not worth telling the client about.
const QUIET_WAIT_MS = 500;

/** Waits for a permit, saying so when the wait turns out to be long. */
export async function announced(wait: Promise<void>, onProgress?: (message: string) => void): Promise<void> {
  const timer = onProgress
    ? setTimeout(() => onProgress("Waiting for this ClickUp token's rate limit."), QUIET_WAIT_MS)
    : undefined;
  try {
    await wait;
  } finally {
    clearTimeout(timer);
  }
}
