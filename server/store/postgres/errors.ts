/**
 * Which database failures mean "the store cannot serve right now" (StoreUnavailableError, a 503 the
 * client retries) rather than a bug (a 500): lost or refused connections, the server shutting down,
 * a full disk, lock and idle timeouts, serialization failures.
 */
import { StoreUnavailableError } from '../store';

/** SQLSTATE classes and codes that are the database's condition, not our query's fault. */
const UNAVAILABLE_CLASSES = ['08', '53', '57', '58', '40', 'XX'];
const UNAVAILABLE_CODES = new Set([
  '55P03' /* lock_not_available */,
  '25P03' /* idle_in_transaction timeout */,
  '25006' /* read-only standby */,
  // A statement after one that failed inside the transaction (the caller caught that failure and went on):
  // the database has rolled the transaction back, so nothing of it is kept — the same answer as a lost connection.
  '25P02' /* in_failed_sql_transaction */,
]);

export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  // Node's socket errors (ECONNREFUSED, ECONNRESET, ETIMEDOUT, …) and the driver's own "Connection terminated".
  if (typeof code !== 'string') return /connection|terminated|timeout|ECONN|EPIPE|socket/i.test(err.message);
  if (code.startsWith('E')) return true;
  return UNAVAILABLE_CLASSES.includes(code.slice(0, 2)) || UNAVAILABLE_CODES.has(code);
}

/** The error to throw for a failed database call: unavailability as StoreUnavailableError, anything else as is. */
export function asStoreError(err: unknown): unknown {
  if (err instanceof StoreUnavailableError) return err;
  return isUnavailable(err) ? new StoreUnavailableError(err as Error) : err;
}
