import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A stand-in for Discord on 127.0.0.1, enough for the real discord.js client:
 * the REST routes it calls (gateway discovery, interaction callbacks, webhook
 * follow-ups and edits, command registration) and a JSON, uncompressed
 * WebSocket gateway (HELLO, IDENTIFY → READY, heartbeats, dispatches).
 * Nothing leaves the machine.
 */

/** One REST request the bot made. */
export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/api/v10/interactions/1/tok/callback`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or `undefined` when there was none. */
  body: unknown;
}

/** One gateway connection: what the client sent and how to talk to it. */
export interface GatewaySession {
  socket: WebSocket;
  query: URLSearchParams;
  /** Payloads the client sent (IDENTIFY, heartbeats...), in order. */
  received: { op: number; d: unknown }[];
  identify?: { token: string; intents: number; shard?: [number, number]; compress?: boolean; properties?: unknown };
  /** Set when the client resumed an earlier session here instead of identifying. */
  resumed?: boolean;
}

export interface StandInOptions {
  applicationId: string;
  /** Milliseconds between the client's heartbeats, as HELLO tells it. @default 41250 */
  heartbeatInterval?: number;
  /** Shards /gateway/bot recommends. @default 1 */
  recommendedShards?: number;
}

/** How a failed request is answered. */
export interface FailureReply {
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A 429 as Discord sends it: the JSON body with `retry_after` in seconds, and
 * the headers @discordjs/rest reads (`Retry-After`, and the bucket's
 * `X-RateLimit-*`), for a per-route (not global) limit.
 */
export function rateLimitedReply(retryAfterSeconds: number): FailureReply {
  return {
    headers: {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': String(retryAfterSeconds),
      'x-ratelimit-bucket': 'stand-in-bucket',
      'x-ratelimit-scope': 'user',
    },
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false, code: 0 },
  };
}

type Waiter<T> = { match: (item: T) => boolean; resolve: (item: T) => void };

export interface StandInDiscord {
  /** Base URL for `DISCORD_API_URL`, e.g. `http://127.0.0.1:1234/api`. */
  apiUrl: string;
  /** The gateway URL /gateway/bot hands out. */
  gatewayUrl: string;
  requests: RecordedRequest[];
  sessions: GatewaySession[];
  /**
   * Makes the next requests matching a test answer with an error status, once each;
   * `reply` sets the headers and JSON body (default `{ message: 'stand-in failure', code: 0 }`).
   */
  failNext(match: (request: RecordedRequest) => boolean, status: number, reply?: FailureReply): void;
  /** Makes the next request matching a test end with the connection dropped, no response, once each. */
  dropNext(match: (request: RecordedRequest) => boolean): void;
  /** Holds every REST response this long before sending it (0, the default, answers at once). */
  delayResponses(ms: number): void;
  /** Closes the next connection to identify with this close code instead of sending READY, once. */
  refuseNextIdentify(code: number): void;
  /** Resolves with the first request (already made or still to come) that matches. */
  waitForRequest(match: (request: RecordedRequest) => boolean): Promise<RecordedRequest>;
  /** Resolves when a client has identified (and been sent READY); with `count`, when that many have. */
  waitForIdentify(count?: number): Promise<GatewaySession>;
  /** Sends a dispatch (op 0) to every open, identified or resumed session, or to one. */
  dispatch(event: string, data: unknown, session?: GatewaySession): void;
  /** Stores a message, so `GET /channels/{channel}/messages/{id}` returns it (as a forum post's first message). */
  addMessage(message: { id: string; channel_id: string } & Record<string, unknown>): void;
  close(): Promise<void>;
}

/** Ids the interaction builders use: one server, one channel, one member. */
export const fixtureIds = { guildId: '1000000000000000000', channelId: '1000000000000000001', userId: '1000000000000000002' } as const;

/** The parts of a message body the bot sends that the stand-in echoes back. */
interface MessageBody {
  content?: unknown;
  embeds?: unknown;
  components?: unknown;
  flags?: unknown;
}

/** A message object as Discord returns it, built from a body the bot sent. */
const messageObject = (body: MessageBody, author: Record<string, unknown>, id: string, channelId: string = fixtureIds.channelId) => ({
  id,
  type: 20,
  channel_id: channelId,
  author,
  content: body.content ?? '',
  embeds: body.embeds ?? [],
  components: body.components ?? [],
  flags: body.flags ?? 0,
  attachments: [],
  mentions: [],
  mention_roles: [],
  mention_everyone: false,
  pinned: false,
  tts: false,
  timestamp: new Date().toISOString(),
  edited_timestamp: null,
});

const json = (response: ServerResponse, status: number, body: unknown): void => {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
  response.end(text);
};

let nextSnowflake = 1_100_000_000_000_000_000n;
/** A fresh, valid-looking Discord id. */
export const snowflake = (): string => String(nextSnowflake++);

/** Starts the stand-in on an ephemeral loopback port. */
export async function startStandInDiscord(options: StandInOptions): Promise<StandInDiscord> {
  const requests: RecordedRequest[] = [];
  const sessions: GatewaySession[] = [];
  const requestWaiters: Waiter<RecordedRequest>[] = [];
  const identifyWaiters: { count: number; resolve: (session: GatewaySession) => void }[] = [];
  const failures: { match: (request: RecordedRequest) => boolean; status: number; reply?: FailureReply }[] = [];
  const drops: ((request: RecordedRequest) => boolean)[] = [];
  let responseDelayMs = 0;
  let refuseIdentifyWith: number | null = null;
  const botUser = { id: snowflake(), username: 'rtp-bot', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 };
  let gatewayUrl = '';

  const messageFrom = (body: MessageBody, id = snowflake()) => ({ ...messageObject(body, botUser, id), webhook_id: options.applicationId, application_id: options.applicationId });
  const storedMessages = new Map<string, Record<string, unknown>>();

  const route = (request: RecordedRequest, response: ServerResponse): void => {
    const drop = drops.findIndex((match) => match(request));
    if (drop >= 0) {
      drops.splice(drop, 1);
      response.socket?.destroy();
      return;
    }
    const failure = failures.findIndex((candidate) => candidate.match(request));
    if (failure >= 0) {
      const [{ status, reply }] = failures.splice(failure, 1) as [(typeof failures)[number], ...unknown[]];
      for (const [name, value] of Object.entries(reply?.headers ?? {})) response.setHeader(name, value);
      json(response, status, reply?.body ?? { message: 'stand-in failure', code: 0 });
      return;
    }
    const { method, path } = request;
    const body = (request.body ?? {}) as MessageBody;
    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      json(response, 200, {
        url: gatewayUrl,
        shards: options.recommendedShards ?? 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 60_000, max_concurrency: 1 },
      });
      return;
    }
    if (method === 'POST' && /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      json(response, 204, undefined);
      return;
    }
    let match = /^\/api\/v10\/webhooks\/(\d+)\/[^/]+$/.exec(path);
    if (method === 'POST' && match) {
      json(response, 200, messageFrom(body));
      return;
    }
    match = /^\/api\/v10\/webhooks\/(\d+)\/[^/]+\/messages\/([^/]+)$/.exec(path);
    if ((method === 'PATCH' || method === 'GET') && match) {
      json(response, 200, messageFrom(body, match[2] === '@original' ? snowflake() : match[2]));
      return;
    }
    match = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && match) {
      json(response, 200, { ...messageObject(body, botUser, snowflake(), match[1]), type: 0 });
      return;
    }
    match = /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (method === 'GET' && match) {
      const stored = storedMessages.get(`${match[1]}/${match[2]}`);
      if (stored) json(response, 200, stored);
      else json(response, 404, { message: 'Unknown Message', code: 10008 });
      return;
    }
    if (method === 'PUT' && /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path) && Array.isArray(request.body)) {
      const guildId = /guilds\/(\d+)/.exec(path)?.[1];
      json(
        response,
        200,
        (request.body as Record<string, unknown>[]).map((command) => ({
          ...command,
          id: snowflake(),
          application_id: options.applicationId,
          ...(guildId ? { guild_id: guildId } : {}),
          version: snowflake(),
          type: command.type ?? 1,
        })),
      );
      return;
    }
    json(response, 404, { message: `404: Not Found (the stand-in has no ${method} ${path})`, code: 0 });
  };

  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
      requests.push(request);
      if (responseDelayMs > 0) setTimeout(() => route(request, response), responseDelayMs);
      else route(request, response);
      for (const waiter of [...requestWaiters]) {
        if (waiter.match(request)) {
          requestWaiters.splice(requestWaiters.indexOf(waiter), 1);
          waiter.resolve(request);
        }
      }
    });
  });

  const gateway = new WebSocketServer({ server, path: '/gateway' });
  gateway.on('connection', (socket, incoming) => {
    const session: GatewaySession = { socket, query: new URL(incoming.url ?? '/', 'http://127.0.0.1').searchParams, received: [] };
    sessions.push(session);
    let sequence = 0;
    const send = (payload: { op: number; d: unknown; t?: string | null }) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ t: null, s: payload.op === 0 ? ++sequence : null, ...payload }));
    };
    (session as GatewaySession & { send: typeof send }).send = send;
    send({ op: 10, d: { heartbeat_interval: options.heartbeatInterval ?? 41_250 } });
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      session.received.push(payload);
      if (payload.op === 1) send({ op: 11, d: null });
      // A reconnecting client resumes its session; the stand-in has nothing to replay.
      if (payload.op === 6) {
        session.resumed = true;
        send({ op: 0, t: 'RESUMED', d: {} });
      }
      if (payload.op === 2 && refuseIdentifyWith !== null) {
        socket.close(refuseIdentifyWith);
        refuseIdentifyWith = null;
        return;
      }
      if (payload.op === 2) {
        session.identify = payload.d as GatewaySession['identify'];
        const shard = session.identify?.shard ?? [0, 1];
        send({
          op: 0,
          t: 'READY',
          d: {
            v: 10,
            user: botUser,
            guilds: [],
            session_id: `stand-in-session-${sessions.length}`,
            resume_gateway_url: gatewayUrl,
            shard,
            application: { id: options.applicationId, flags: 0 },
          },
        });
        const identified = sessions.filter((candidate) => candidate.identify).length;
        for (const waiter of [...identifyWaiters]) {
          if (identified >= waiter.count) {
            identifyWaiters.splice(identifyWaiters.indexOf(waiter), 1);
            waiter.resolve(session);
          }
        }
      }
    });
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl,
    requests,
    sessions,
    failNext(match, status, reply) {
      failures.push({ match, status, reply });
    },
    dropNext(match) {
      drops.push(match);
    },
    delayResponses(ms) {
      responseDelayMs = ms;
    },
    refuseNextIdentify(code) {
      refuseIdentifyWith = code;
    },
    waitForRequest(match) {
      const done = requests.find(match);
      if (done) return Promise.resolve(done);
      return new Promise((resolve) => requestWaiters.push({ match, resolve }));
    },
    waitForIdentify(count = 1) {
      const identified = sessions.filter((session) => session.identify);
      if (identified.length >= count) return Promise.resolve(identified[count - 1] as GatewaySession);
      return new Promise((resolve) => identifyWaiters.push({ count, resolve }));
    },
    dispatch(event, data, only) {
      const live = sessions.filter((candidate) => (candidate.identify || candidate.resumed) && candidate.socket.readyState === candidate.socket.OPEN);
      for (const session of only ? [only] : live) {
        (session as GatewaySession & { send: (payload: { op: number; d: unknown; t?: string }) => void }).send({ op: 0, t: event, d: data });
      }
    },
    addMessage(message) {
      storedMessages.set(`${message.channel_id}/${message.id}`, message);
    },
    async close() {
      for (const client of gateway.clients) client.terminate();
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const member = () => ({
  user: { id: fixtureIds.userId, username: 'asker', discriminator: '0', global_name: 'Asker', avatar: null },
  roles: [],
  joined_at: '2024-01-01T00:00:00.000Z',
  deaf: false,
  mute: false,
  flags: 0,
  permissions: '0',
});

const base = (applicationId: string, type: number, data: unknown, extra: Record<string, unknown> = {}) => ({
  id: snowflake(),
  application_id: applicationId,
  type,
  data,
  guild_id: fixtureIds.guildId,
  channel_id: fixtureIds.channelId,
  channel: { id: fixtureIds.channelId, type: 0, guild_id: fixtureIds.guildId, name: 'general' },
  member: member(),
  token: `interaction-token-${snowflake()}`,
  version: 1,
  app_permissions: '0',
  locale: 'en-GB',
  guild_locale: 'en-GB',
  entitlements: [],
  authorizing_integration_owners: { '0': fixtureIds.guildId },
  context: 0,
  ...extra,
});

/** An `INTERACTION_CREATE` for `/name question:<text> [public:<bool>]`. */
export function chatInputInteraction(applicationId: string, name: string, question: string, isPublic?: boolean) {
  const options: Record<string, unknown>[] = [{ name: 'question', type: 3, value: question }];
  if (isPublic !== undefined) options.push({ name: 'public', type: 5, value: isPublic });
  return base(applicationId, 2, { id: snowflake(), name, type: 1, options });
}

/**
 * A GUILD_CREATE for the fixture server with one text channel, as Discord
 * sends for each server after READY. With it, discord.js caches the channel
 * and hands handlers full Message objects rather than raw JSON.
 */
export function guildCreate(ownerId: string = fixtureIds.userId, extraChannels: Record<string, unknown>[] = []) {
  return {
    id: fixtureIds.guildId,
    name: 'Co-op community',
    icon: null,
    owner_id: ownerId,
    unavailable: false,
    member_count: 1,
    large: false,
    joined_at: '2024-01-01T00:00:00.000Z',
    features: [],
    roles: [{ id: fixtureIds.guildId, name: '@everyone', color: 0, hoist: false, position: 0, permissions: '0', managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    channels: [
      { id: fixtureIds.channelId, type: 0, name: 'general', guild_id: fixtureIds.guildId, position: 0, permission_overwrites: [], nsfw: false, parent_id: null },
      ...extraChannels,
    ],
    threads: [],
    members: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: 'en-GB',
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
  };
}

/** The same interaction in another channel of the server. */
export function inChannel<Interaction extends ReturnType<typeof base>>(interaction: Interaction, channelId: string): Interaction {
  return { ...interaction, channel_id: channelId, channel: { ...interaction.channel, id: channelId } };
}

/**
 * The same interaction with no server, as a user-installed app receives it in
 * its DM with the user (context 1) or in a group DM (context 2): a `user`
 * instead of a `member`, and no `guild_id`.
 */
export function withoutGuild<Interaction extends ReturnType<typeof base>>(interaction: Interaction, context: 1 | 2 = 1, channelId = '1000000000000000091') {
  const { guild_id: _guild, member: memberOf, guild_locale: _locale, ...rest } = interaction;
  const user = memberOf.user;
  return {
    ...rest,
    user,
    channel_id: channelId,
    channel:
      context === 1 ? { id: channelId, type: 1, recipients: [user], flags: 0 } : { id: channelId, type: 3, recipients: [user], name: 'friends', flags: 0, owner_id: user.id },
    context,
    authorizing_integration_owners: { '1': user.id },
  };
}

/** A message someone wrote, as Discord shows it in an interaction's `resolved` data or a REST fetch. */
export function userMessage(content: string, fields: { id?: string; channelId?: string; authorId?: string; bot?: boolean } = {}) {
  const author = {
    id: fields.authorId ?? '1000000000000000077',
    username: 'newcomer',
    discriminator: '0',
    global_name: 'Newcomer',
    avatar: null,
    ...(fields.bot ? { bot: true } : {}),
  };
  return { ...messageObject({ content }, author, fields.id ?? snowflake(), fields.channelId ?? fixtureIds.channelId), type: 0 };
}

/** A message context menu command ("Apps → Ask rtp-bot") used on `target`. */
export function messageMenuInteraction(applicationId: string, name: string, target: ReturnType<typeof userMessage>) {
  return base(applicationId, 2, { id: snowflake(), name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } });
}

/** A forum channel (type 15), for {@link guildCreate}'s extra channels. */
export function forumChannel(id: string, name = 'help') {
  return {
    id,
    type: 15,
    name,
    guild_id: fixtureIds.guildId,
    position: 1,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    available_tags: [],
    default_reaction_emoji: null,
    default_sort_order: null,
    default_forum_layout: 0,
    flags: 0,
  };
}

/** A `THREAD_CREATE` for a new post in a forum: a public thread whose parent is the forum, opened by `ownerId`. */
export function forumPostCreate(fields: { forumId: string; title: string; ownerId?: string; id?: string; newlyCreated?: boolean }) {
  return {
    id: fields.id ?? snowflake(),
    type: 11,
    guild_id: fixtureIds.guildId,
    parent_id: fields.forumId,
    owner_id: fields.ownerId ?? fixtureIds.userId,
    name: fields.title,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    flags: 0,
    applied_tags: [],
    thread_metadata: { archived: false, auto_archive_duration: 4320, archive_timestamp: new Date().toISOString(), locked: false, create_timestamp: new Date().toISOString() },
    ...(fields.newlyCreated === false ? {} : { newly_created: true }),
  };
}

/** The same interaction, from another member (a different user id). */
export function fromUser<Interaction extends ReturnType<typeof base>>(interaction: Interaction, userId: string): Interaction {
  return { ...interaction, member: { ...interaction.member, user: { ...interaction.member.user, id: userId } } };
}

/** An autocomplete interaction with `typed` in the focused `question` option. */
export function autocompleteInteraction(applicationId: string, name: string, typed: string) {
  return base(applicationId, 4, { id: snowflake(), name, type: 1, options: [{ name: 'question', type: 3, value: typed, focused: true }] });
}

/** A click on a button of a message the bot sent (its body as the stand-in received it). */
export function buttonInteraction(applicationId: string, customId: string, message: MessageBody) {
  const author = { id: snowflake(), username: 'rtp-bot', discriminator: '0', global_name: null, avatar: null, bot: true };
  return base(applicationId, 3, { custom_id: customId, component_type: 2 }, { message: messageObject({ ...message, content: '' }, author, snowflake()) });
}
