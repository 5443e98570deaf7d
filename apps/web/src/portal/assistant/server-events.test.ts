import { describe, expect, it } from 'vitest';
import { readServerEvents, type ServerEvent } from './server-events';

/** A body that arrives in these chunks, as a network would cut it. */
function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function eventsOf(chunks: string[]): Promise<ServerEvent[]> {
  const events: ServerEvent[] = [];
  await readServerEvents(streamOf(chunks), (event) => events.push(event));
  return events;
}

describe('readServerEvents', () => {
  it('reads named events whose lines and characters are split across chunks', async () => {
    const text = 'event: delta\ndata: {"text":"Redémarrer ?"}\n\nevent: done\ndata: {"messages":[]}\n\n';
    const bytes = new TextEncoder().encode(text);
    const cut = text.indexOf('é') + 1; // in the middle of the two bytes of "é"
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, cut));
        controller.enqueue(bytes.slice(cut, cut + 5));
        controller.enqueue(bytes.slice(cut + 5));
        controller.close();
      },
    });
    const events: ServerEvent[] = [];
    await readServerEvents(stream, (event) => events.push(event));
    expect(events).toEqual([
      { event: 'delta', data: '{"text":"Redémarrer ?"}' },
      { event: 'done', data: '{"messages":[]}' },
    ]);
  });

  it('joins data lines, names unnamed events "message", and skips comments and other fields', async () => {
    expect(await eventsOf([': keep-alive\n\nid: 1\ndata: a\ndata: b\r\n\r\nretry: 10\n\n'])).toEqual([
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('drops an event that the end of the body cut off', async () => {
    expect(await eventsOf(['event: delta\ndata: {}\n\nevent: done\ndata: {"mess'])).toEqual([
      { event: 'delta', data: '{}' },
    ]);
  });
});
