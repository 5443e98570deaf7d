import {
  AGENT_CLOSE,
  type AgentMessage,
  HEARTBEAT_SECONDS,
  type ServerMessage,
  ServerMessageSchema,
} from '@atrium/shared';
import WebSocket from 'ws';
import { type Backoff, fullJitterDelay } from './backoff';
import { describeError, type Logger } from './log';

type Hello = Extract<AgentMessage, { type: 'hello' }>;

export type ConnectionOptions = {
  serverUrl: string;
  /** Builds the signed hello for a challenge, with the machine's current inventory. */
  hello: (nonce: string) => Promise<Hello>;
  onWelcome: () => void;
  onMessage: (message: Exclude<ServerMessage, { type: 'challenge' | 'welcome' }>) => Promise<void>;
  log: Logger;
  backoff: Backoff;
  random?: () => number;
};

/** A server that accepts the socket but never welcomes is as good as none. */
const HANDSHAKE_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 3000;

export function agentSocketUrl(serverUrl: string): string {
  const url = new URL(`${serverUrl}/agent/ws`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/**
 * The one outbound WebSocket: challenge → signed hello → welcome, then heartbeats; on any loss,
 * reconnect after a backoff until stopped.
 */
export function createConnection(options: ConnectionOptions) {
  const { log, backoff } = options;
  const random = options.random ?? Math.random;
  const url = agentSocketUrl(options.serverUrl);
  let socket: WebSocket | null = null;
  let welcomed = false;
  let attempt = 0;
  let stopping = false;
  let restartNow = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let handshakeTimer: NodeJS.Timeout | undefined;

  const connect = () => {
    welcomed = false;
    const ws = new WebSocket(url, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS, maxPayload: 1024 * 1024 });
    socket = ws;
    handshakeTimer = setTimeout(() => ws.terminate(), HANDSHAKE_TIMEOUT_MS);
    ws.on('message', (data, isBinary) => onFrame(ws, data, isBinary));
    ws.on('error', (error) => {
      if (!stopping) log.warn(`connection error: ${describeError(error)}`);
    });
    ws.on('close', (code) => onClose(ws, code));
  };

  const onFrame = (ws: WebSocket, data: WebSocket.RawData, isBinary: boolean) => {
    const message = parseFrame(data, isBinary);
    if (!message) return log.warn('ignored a frame the agent does not understand');
    if (message.type === 'challenge') return answerChallenge(ws, message.nonce);
    if (message.type === 'welcome') return onWelcome(ws, message.heartbeatSeconds);
    if (!welcomed) return log.warn(`ignored a ${message.type} frame sent before the welcome`);
    options
      .onMessage(message)
      .catch((error: unknown) => log.error(`handling ${message.type}: ${describeError(error)}`));
  };

  const answerChallenge = (ws: WebSocket, nonce: string) => {
    options
      .hello(nonce)
      .then((hello) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(hello));
      })
      .catch((error: unknown) => {
        log.error(`could not answer the challenge: ${describeError(error)}`);
        ws.terminate();
      });
  };

  const onWelcome = (ws: WebSocket, heartbeatSeconds: number) => {
    clearTimeout(handshakeTimer);
    welcomed = true;
    attempt = 0;
    log.info('connected');
    // The server's period, not a constant: it may change it (tests use short beats).
    const seconds = heartbeatSeconds > 0 && heartbeatSeconds <= 3600 ? heartbeatSeconds : HEARTBEAT_SECONDS;
    scheduleHeartbeat(ws, seconds);
    options.onWelcome();
  };

  /** Every period ±20%, so that a fleet's beats spread out. */
  const scheduleHeartbeat = (ws: WebSocket, seconds: number) => {
    const delay = seconds * 1000 * (0.8 + 0.4 * random());
    heartbeatTimer = setTimeout(() => {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(JSON.stringify({ type: 'heartbeat' } satisfies AgentMessage));
      scheduleHeartbeat(ws, seconds);
    }, delay);
  };

  const onClose = (ws: WebSocket, code: number) => {
    if (ws !== socket) return;
    clearTimeout(heartbeatTimer);
    clearTimeout(handshakeTimer);
    welcomed = false;
    socket = null;
    if (stopping) return;
    const delay = reconnectDelay(code);
    reconnectTimer = setTimeout(connect, delay);
  };

  const reconnectDelay = (code: number): number => {
    if (restartNow) {
      restartNow = false;
      return 0;
    }
    if (code === AGENT_CLOSE.refused) {
      log.warn(
        `the server refused this device (removed or not enrolled?); retrying in ${seconds(backoff.capMs)}`,
      );
      return backoff.capMs;
    }
    if (code === AGENT_CLOSE.replaced) {
      log.warn(`another agent connected with this device's identity; retrying in ${seconds(backoff.capMs)}`);
      return backoff.capMs;
    }
    const delay = fullJitterDelay(attempt++, backoff, random);
    log.info(`disconnected (code ${code}); reconnecting in ${seconds(delay)}`);
    return delay;
  };

  return {
    start: connect,
    /** Sends after the welcome; false when there is no welcomed connection. */
    send(message: AgentMessage): boolean {
      if (!socket || !welcomed || socket.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(message));
      return true;
    },
    /** Closes and reconnects at once, as a machine that just came back would. */
    reconnectNow(): void {
      if (!socket) return;
      restartNow = true;
      closeGently(socket);
    },
    /** Closes cleanly and stops reconnecting. */
    async stop(): Promise<void> {
      stopping = true;
      clearTimeout(reconnectTimer);
      clearTimeout(heartbeatTimer);
      clearTimeout(handshakeTimer);
      const ws = socket;
      if (!ws || ws.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        closeGently(ws);
      });
    },
  };
}

export type Connection = ReturnType<typeof createConnection>;

/** A close frame goes after what was sent before it; a server that never answers it is cut off. */
function closeGently(ws: WebSocket): void {
  if (ws.readyState === WebSocket.CONNECTING) {
    ws.terminate();
    return;
  }
  ws.close(1000);
  setTimeout(() => ws.terminate(), CLOSE_TIMEOUT_MS).unref();
}

function parseFrame(data: WebSocket.RawData, isBinary: boolean): ServerMessage | null {
  if (isBinary) return null;
  try {
    const parsed = ServerMessageSchema.safeParse(JSON.parse(data.toString()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
