/** Why a fetch failed: fetch hides the network error (refused, unknown host) in `cause`. */
export function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const message = (error as Error).message ?? String(error);
  if (typeof cause?.code === 'string') return `${message}: ${cause.code}`;
  return typeof cause?.message === 'string' ? `${message}: ${cause.message}` : message;
}
