/** One server-sent event: its name (`message` when the server gave none) and its data lines joined. */
export type ServerEvent = { event: string; data: string };

/**
 * Reads a `text/event-stream` body (the assistant's streamed answer, which EventSource cannot read
 * because it is the answer to a POST), calling `onEvent` for each event as it arrives. Events are
 * split on blank lines, whatever the line endings; comments and fields other than `event` and
 * `data` are skipped.
 */
export async function readServerEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ServerEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  // One decoder for the whole body: a character may be cut between two chunks.
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const blocks = buffered.split(/\r\n\r\n|\n\n|\r\r/);
      // The last piece is an event still arriving (or nothing, after a blank line); one the end of
      // the body cut off is dropped, as the standard says: its data may be incomplete.
      buffered = blocks.pop() ?? '';
      for (const block of blocks) {
        const event = parseEvent(block);
        if (event) onEvent(event);
      }
      if (done) return;
    }
  } catch (error) {
    // `onEvent` gave up on the stream (an error event, a malformed one): the rest is not wanted.
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}

function parseEvent(block: string): ServerEvent | null {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r\n|\n|\r/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { event: name, data: data.join('\n') } : null;
}
