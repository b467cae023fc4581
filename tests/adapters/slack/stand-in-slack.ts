import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { WebSocketServer, type WebSocket } from 'ws';

/** One Web API call the app made to the stand-in. */
export interface ApiCall {
  method: string;
  /** The bearer token sent, as the stand-in saw it. */
  token: string | null;
  params: Record<string, unknown>;
}

/** One message the app posted to a response URL. */
export interface ResponsePost {
  path: string;
  body: Record<string, unknown>;
}

/** How the stand-in misbehaves for one request: an HTTP error (429 with `Retry-After`; 404 as for an expired response URL), or a dropped connection. */
export type StandInFault = { status: 500 | 404 } | { status: 429; retryAfterSeconds: number } | 'drop';

/** Where a fault goes: a Web API method, or every response URL. */
export type FaultTarget = string | 'response_url';

/** A stand-in for Slack on 127.0.0.1: the Web API (the assistant pane's methods included), response URLs, and a Socket Mode WebSocket. */
export interface StandInSlack {
  /** Base URL for `SLACK_API_URL`. */
  apiUrl: string;
  /** A fresh response URL, as Slack puts in every command and click. */
  newResponseUrl(): string;
  apiCalls: ApiCall[];
  responsePosts: ResponsePost[];
  /** Holds every reply to a response URL post (the post is still recorded) until the returned function is called. */
  holdResponsePosts(): () => void;
  /** Makes `method` answer `{ ok: false, error }` from now on (e.g. `assistant.threads.setStatus` on a workspace without the pane). */
  failMethod(method: string, error: string): void;
  /** Makes `method` answer normally again. */
  restoreMethod(method: string): void;
  /**
   * Makes the next `times` requests to `target` fail as `fault` says (they are
   * still listed in `apiCalls`, but not in `responsePosts`). `Infinity` for all.
   */
  injectFault(target: FaultTarget, fault: StandInFault, times?: number): void;
  /** Every fault served so far, in order. */
  faultsServed: { target: FaultTarget; fault: StandInFault }[];
  /** Resolves with the next post to `responseUrl` (already received or still to come). */
  nextPost(responseUrl: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves once `count` calls to `method` have arrived. */
  waitForCalls(method: string, count?: number, timeoutMs?: number): Promise<ApiCall[]>;
  /** Socket Mode: resolves with the app's WebSocket once it has connected and been greeted. */
  nextSocket(timeoutMs?: number): Promise<WebSocket>;
  close(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

// The Web API client sends nested values (blocks) as JSON strings inside a form.
const decodeForm = (text: string): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(parseQuery(text)).map(([key, value]) => {
      const raw = Array.isArray(value) ? value[0] : value;
      if (typeof raw === 'string' && /^[[{]/.test(raw)) {
        try {
          return [key, JSON.parse(raw)];
        } catch {
          return [key, raw];
        }
      }
      return [key, raw];
    }),
  );

const listen = (server: Server): Promise<number> => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

const within = <T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    }, reject);
  });

/** Answers a request as `fault` says. */
function serveFault(fault: StandInFault, request: IncomingMessage, response: ServerResponse): void {
  if (fault === 'drop') {
    request.socket.destroy();
    return;
  }
  response.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.status === 429 ? { 'retry-after': String(fault.retryAfterSeconds) } : {}) });
  response.end(JSON.stringify({ ok: false, error: { 429: 'ratelimited', 404: 'expired_url', 500: 'internal_error' }[fault.status] }));
}

let lastTs = 0;
/** A fresh message timestamp, as Slack gives each message: unique and increasing. */
const nextTs = (): string => {
  lastTs = Math.max(lastTs + 1, Date.now() * 1000);
  return `${Math.floor(lastTs / 1_000_000)}.${String(lastTs % 1_000_000).padStart(6, '0')}`;
};

/** The assistant pane's methods (Bolt's `setStatus`, `setSuggestedPrompts`, `setTitle`): Slack answers each with a bare `ok`. */
export const assistantMethods = new Set(['assistant.threads.setStatus', 'assistant.threads.setSuggestedPrompts', 'assistant.threads.setTitle']);

/** Posting to a user id posts in the app's DM with them: Slack answers with the DM's id. */
export const dmChannelOf = (channel: unknown): unknown => (typeof channel === 'string' && /^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel);

/** Starts the stand-in on ephemeral loopback ports. */
export async function startStandInSlack(): Promise<StandInSlack> {
  const faults = new Map<FaultTarget, { fault: StandInFault; left: number }>();
  const faultsServed: { target: FaultTarget; fault: StandInFault }[] = [];
  const takeFault = (target: FaultTarget): StandInFault | undefined => {
    const planned = faults.get(target);
    if (!planned || planned.left <= 0) return undefined;
    planned.left -= 1;
    faultsServed.push({ target, fault: planned.fault });
    return planned.fault;
  };
  const apiCalls: ApiCall[] = [];
  const responsePosts: ResponsePost[] = [];
  const failures = new Map<string, string>();
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  const waitUntil = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    within(
      new Promise<T>((resolve) => {
        const attempt = () => {
          const found = check();
          if (found !== undefined) resolve(found);
          else waiters.push(attempt);
        };
        attempt();
      }),
      timeoutMs,
      what,
    );

  let socketUrl = '';
  const sockets: WebSocket[] = [];
  const apiServer = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const method = (request.url ?? '').replace(/^\/api\//, '').replace(/\?.*$/, '');
    const params = decodeForm(await readBody(request));
    const auth = request.headers.authorization;
    apiCalls.push({ method, token: typeof auth === 'string' ? auth.replace(/^Bearer /, '') : null, params });
    notify();
    const fault = takeFault(method);
    if (fault) return serveFault(fault, request, response);
    const failure = failures.get(method);
    const result: Record<string, unknown> = failure
      ? { ok: false, error: failure }
      : method === 'auth.test'
        ? { ok: true, url: 'https://stand-in.example/', team: 'Stand-in', user: 'rtp-bot', team_id: 'T0STANDIN', user_id: 'U0BOT', bot_id: 'B0BOT' }
        : method === 'chat.postMessage'
          ? { ok: true, channel: dmChannelOf(params.channel), ts: nextTs(), message: { text: params.text } }
          : method === 'chat.postEphemeral'
            ? { ok: true, message_ts: nextTs() }
            : method === 'views.publish'
              ? { ok: true, view: { id: 'V0HOME', type: 'home' } }
              : method === 'apps.connections.open'
                ? { ok: true, url: socketUrl }
                : assistantMethods.has(method)
                  ? { ok: true }
                  : { ok: false, error: 'unknown_method' };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(result));
  });
  const apiPort = await listen(apiServer);

  let held: Promise<void> | undefined;
  const hooksServer = createServer(async (request, response) => {
    const text = await readBody(request);
    const fault = takeFault('response_url');
    if (fault) return serveFault(fault, request, response);
    responsePosts.push({ path: request.url ?? '', body: JSON.parse(text) as Record<string, unknown> });
    notify();
    await held;
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
  });
  const hooksPort = await listen(hooksServer);

  const socketServer = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => socketServer.once('listening', () => resolve()));
  socketUrl = `ws://127.0.0.1:${(socketServer.address() as AddressInfo).port}/link`;
  socketServer.on('connection', (socket) => {
    sockets.push(socket);
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0STANDIN' } }));
    notify();
  });

  let responseCount = 0;
  return {
    apiUrl: `http://127.0.0.1:${apiPort}/api/`,
    newResponseUrl: () => `http://127.0.0.1:${hooksPort}/commands/T0STANDIN/${(responseCount += 1)}/stand-in-response-secret`,
    apiCalls,
    responsePosts,
    holdResponsePosts() {
      let release = () => undefined as void;
      held = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        held = undefined;
        release();
      };
    },
    failMethod: (method, error) => {
      failures.set(method, error);
    },
    restoreMethod: (method) => {
      failures.delete(method);
    },
    injectFault: (target, fault, times = 1) => {
      faults.set(target, { fault, left: times });
    },
    faultsServed,
    nextPost(responseUrl, timeoutMs = 5000) {
      const path = new URL(responseUrl).pathname;
      const seen = responsePosts.filter((post) => post.path === path).length;
      return waitUntil(() => responsePosts.filter((post) => post.path === path)[seen]?.body, timeoutMs, `a post to ${path}`);
    },
    waitForCalls(method, count = 1, timeoutMs = 5000) {
      return waitUntil(
        () => {
          const calls = apiCalls.filter((call) => call.method === method);
          return calls.length >= count ? calls : undefined;
        },
        timeoutMs,
        `${count} call(s) to ${method}`,
      );
    },
    nextSocket(timeoutMs = 5000) {
      const seen = sockets.length;
      return waitUntil(() => sockets[seen], timeoutMs, 'a Socket Mode connection');
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => socketServer.close(() => resolve()));
      apiServer.closeAllConnections();
      hooksServer.closeAllConnections();
      await Promise.all([apiServer, hooksServer].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
