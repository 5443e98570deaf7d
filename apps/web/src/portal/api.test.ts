import { afterEach, describe, expect, it, vi } from 'vitest';
import { portalApi } from './api';

const SESSION = '0b9f1c9e-6a43-4c1e-9d3e-2f1e8f7f4a10';

function message(role: 'user' | 'assistant', text: string) {
  return { id: crypto.randomUUID(), role, text, createdAt: '2026-12-07T10:00:00.000Z' };
}

/** The server's answer as a stream of events, cut in two chunks at an arbitrary place. */
function eventStream(text: string, status = 200) {
  const bytes = new TextEncoder().encode(text);
  const cut = Math.floor(bytes.length / 2);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.slice(0, cut));
      controller.enqueue(bytes.slice(cut));
      controller.close();
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'text/event-stream' } });
}

function stubFetch(response: Response) {
  const fetchMock = vi.fn<typeof fetch>(async () => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sendAssistantMessage', () => {
  it('asks for a stream, hands over each piece of text, and returns the stored turn', async () => {
    const turn = {
      messages: [message('user', 'Bonjour'), message('assistant', 'Bonjour, que puis-je faire ?')],
    };
    const fetchMock = stubFetch(
      eventStream(
        `event: delta\ndata: {"text":"Bonjour, "}\n\nevent: delta\ndata: {"text":"que puis-je faire ?"}\n\nevent: done\ndata: ${JSON.stringify(turn)}\n\n`,
      ),
    );
    const pieces: string[] = [];
    const result = await portalApi.sendAssistantMessage(SESSION, 'Bonjour', (text) => pieces.push(text));
    expect(pieces).toEqual(['Bonjour, ', 'que puis-je faire ?']);
    expect(result).toEqual(turn);
    const [path, init] = fetchMock.mock.calls[0] ?? [];
    expect(path).toBe(`/portal/api/assistant/sessions/${SESSION}/messages`);
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      body: '{"text":"Bonjour"}',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
    });
  });

  it('throws the code of an error event', async () => {
    stubFetch(
      eventStream(
        'event: delta\ndata: {"text":"Un instant"}\n\nevent: error\ndata: {"error":{"code":"unavailable","message":"The provider did not answer."}}\n\n',
      ),
    );
    await expect(portalApi.sendAssistantMessage(SESSION, 'Bonjour', () => undefined)).rejects.toMatchObject({
      code: 'unavailable',
      status: 200,
    });
  });

  it('throws a refusal before the stream as any call does', async () => {
    stubFetch(
      new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Wait.' } }), {
        status: 429,
        headers: { 'content-type': 'application/json' },
      }),
    );
    await expect(portalApi.sendAssistantMessage(SESSION, 'Bonjour', () => undefined)).rejects.toMatchObject({
      code: 'rate_limited',
      status: 429,
    });
  });

  it('says the connection was lost when the stream ends without its answer', async () => {
    stubFetch(eventStream('event: delta\ndata: {"text":"Un inst'));
    await expect(portalApi.sendAssistantMessage(SESSION, 'Bonjour', () => undefined)).rejects.toMatchObject({
      code: 'network_error',
    });
  });
});
