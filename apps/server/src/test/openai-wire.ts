import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat-completions request as the wire server received it. */
export type WireRequest = {
  path: string;
  headers: IncomingHttpHeaders;
  body: WireBody;
};

export type WireMessage = {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
};

export type WireBody = {
  model: string;
  stream: boolean;
  tool_choice: string;
  tools: { type: 'function'; function: { name: string; parameters: object } }[];
  messages: WireMessage[];
};

/**
 * The raw text of an event stream, written piece by piece (`stall` holds the stream open after), or
 * one JSON answer: an error, or a whole completion from a server that does not stream.
 */
export type WireAnswer = { pieces: string[]; stall?: boolean } | { status: number; json: unknown };

type ToolCall = { id: string; name: string; arguments: string[] };

const DONE = 'data: [DONE]\n\n';
const event = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

/** `data:` events as OpenAI writes them, ending with `[DONE]`. */
export const sse = (events: unknown[]) => [...events.map(event), DONE].join('');

/** `text` cut every `size` characters, across event boundaries: a client must not rely on where they fall. */
export const cut = (text: string, size: number) =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

/** One `chat.completion.chunk` with its first choice's `delta`. */
export const chunk = (delta: object, finishReason: string | null = null) => ({
  id: 'chatcmpl-wire',
  object: 'chat.completion.chunk',
  model: 'wire-model',
  choices: [{ index: 0, delta, finish_reason: finishReason }],
});

/** An answer streamed one event per piece of `content`. */
export function textAnswer(...content: string[]): WireAnswer {
  const events = [
    chunk({ role: 'assistant', content: '' }),
    ...content.map((piece) => chunk({ content: piece })),
    chunk({}, 'stop'),
  ];
  return { pieces: [...events.map(event), DONE] };
}

/**
 * Tool calls streamed as OpenAI does: per call, its id and name with empty arguments first, then the
 * arguments in the given pieces; then `finish_reason: 'tool_calls'`. The stream is cut every few
 * characters besides, across events.
 */
export function toolCallsAnswer(...calls: ToolCall[]): WireAnswer {
  const events = calls.flatMap((call, index) => [
    chunk({
      ...(index === 0 ? { role: 'assistant', content: null } : {}),
      tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
    }),
    ...call.arguments.map((piece) => chunk({ tool_calls: [{ index, function: { arguments: piece } }] })),
  ]);
  return { pieces: cut(sse([...events, chunk({}, 'tool_calls')]), 7) };
}

/**
 * A local server speaking OpenAI's chat-completions protocol, answering each request with the next
 * answer of `script` (or what it returns), and keeping the requests.
 */
export async function startOpenAiWire(
  script: WireAnswer[] | ((request: WireRequest, index: number) => WireAnswer),
) {
  const requests: WireRequest[] = [];
  const server = http.createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (data: Buffer) => chunks.push(data));
    incoming.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      const request = {
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: text ? JSON.parse(text) : null,
      };
      requests.push(request);
      const index = requests.length - 1;
      const answer = Array.isArray(script) ? script[index] : script(request, index);
      if (!answer) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `no answer scripted for request ${index}` } }));
        return;
      }
      if ('status' in answer) {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.json));
        return;
      }
      void stream(response, answer.pieces, answer.stall ?? false);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function stream(response: http.ServerResponse, pieces: string[], stall: boolean) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.flushHeaders();
  for (const piece of pieces) {
    if (response.destroyed) return;
    response.write(piece);
    // A pause between writes, so that the pieces reach the client as separate reads.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (!stall) response.end();
}
