/** One parsed server-sent event. */
export interface ServerSentEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * Reads a text/event-stream until `until` returns true for the events seen so far (or the
 * timeout passes), then closes the connection.
 */
export async function readEvents(url: string, until: (events: ServerSentEvent[]) => boolean, init: RequestInit = {}, timeoutMs = 10_000): Promise<{ events: ServerSentEvent[]; response: Response }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const response = await fetch(url, { ...init, signal: controller.signal });
  const events: ServerSentEvent[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event: ServerSentEvent = { data: '' };
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(':');
          const value = rest.join(':').replace(/^ /, '');
          if (field === 'id') event.id = value;
          if (field === 'event') event.event = value;
          if (field === 'data') event.data += value;
        }
        if (event.event) events.push(event);
      }
      if (until(events)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { events, response };
}

/** The activity entries carried by `activity` events. */
export function activityOf(events: ServerSentEvent[]): Array<{ id: number; kind: string; level: string; message: string; data: Record<string, unknown> }> {
  return events.filter((event) => event.event === 'activity').map((event) => JSON.parse(event.data));
}
