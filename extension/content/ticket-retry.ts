/**
 * Asking the background for the sidebar's ticket, again while it does not answer. The background is
 * a service worker the browser may have stopped; waking it under load can take seconds, and a message
 * sent meanwhile fails or goes unanswered. Each failed or unanswered try is made again after a wait,
 * and only after the last does the caller give up (the frame then says it could not connect).
 */

/** Waits between tries: four more tries over about six seconds. */
export const TICKET_RETRY_MS: readonly number[] = [300, 800, 1600, 3200];
/** How long one try may go unanswered before it counts as failed. */
export const TICKET_TRY_MS = 5_000;

/** `ask`'s first non-null answer, or null once every try failed, threw or went unanswered. */
export async function askWithRetries<T>(ask: () => Promise<T | null>, waits: readonly number[] = TICKET_RETRY_MS, tryMs = TICKET_TRY_MS): Promise<T | null> {
  for (let attempt = 0; ; attempt++) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answer = await Promise.race([
      ask().catch(() => null),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), tryMs);
      }),
    ]);
    clearTimeout(timer);
    if (answer !== null || attempt >= waits.length) return answer;
    await new Promise((resolve) => setTimeout(resolve, waits[attempt]));
  }
}
