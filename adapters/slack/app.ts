import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, type RespondFn } from '@slack/bolt';
import { RtpError } from '../../src/index.js';
import type { LogLine, PlatformServices, RunningPlatform } from '../shared/platform.js';
import { createConversationMemory } from '../shared/conversations.js';
import { createMemoryDeduplicator } from '../shared/event-dedup.js';
import { createAskerLimiter } from '../shared/rate-limit.js';
import { unreachableAtStart } from '../shared/start-failure.js';
import { createAssistantPane } from './assistant-pane.js';
import { actionIds, askActionPattern, askHereActionPattern } from './build-reply.js';
import { createAskHere } from './listeners/actions/ask-here.js';
import { createAskQuestion } from './listeners/actions/ask-question.js';
import { createGiveFeedback } from './listeners/actions/give-feedback.js';
import { createShareInChannel } from './listeners/actions/share-in-channel.js';
import { createStillNeedHelp } from './listeners/actions/still-need-help.js';
import { createAssistant } from './listeners/assistant/assistant.js';
import { createRtpCommand } from './listeners/commands/rtp.js';
import { createAppHomeOpened } from './listeners/events/app-home-opened.js';
import { createAppMention } from './listeners/events/app-mention.js';
import { createDirectMessage } from './listeners/events/direct-message.js';
import { askAboutMessageCallbackId, createAskAboutMessage } from './listeners/shortcuts/ask-about-message.js';
import type { SlackDeps } from './reply.js';
import { createBoltLogger, describeRejectedRequest, summariseForLog } from './log.js';
import { createDeduplicateEvents } from './middleware/deduplicate-events.js';
import { createRetryingRespond, defaultReplyRetryOptions, type ReplyRetryOptions } from './post-reply.js';
import type { SlackSettings } from './settings.js';

/** The path Slack posts commands and button clicks to over HTTP. */
export const slackEventsPath = '/slack/events';

/** A running Slack app. */
export interface RunningSlackApp extends RunningPlatform {
  /** Over HTTP, where it listens (e.g. `http://127.0.0.1:3000/slack/events`); in Socket Mode, `null`. */
  url: string | null;
}

/** How far a request's timestamp may be from this machine's clock, either way, as Slack advises. */
export const requestTimestampToleranceSeconds = 5 * 60;

/** Options for {@link createSlackApp} beyond the settings. */
export interface SlackAppOptions {
  /** Retries of replies and Web API calls. @default defaultReplyRetryOptions */
  retry: ReplyRetryOptions;
}

/**
 * Bolt rejects a stale timestamp but not one far in the future, which would
 * let a captured request be replayed until then; this refuses those too,
 * before Bolt reads the body. One log line, holding no header values.
 */
function refuseFutureRequests(next: HTTPReceiver['requestListener'], log: LogLine): HTTPReceiver['requestListener'] {
  return (request: IncomingMessage, response: ServerResponse) => {
    const timestamp = Number(request.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp > Date.now() / 1000 + requestTimestampToleranceSeconds) {
      log('warn', `slack: ${describeRejectedRequest(`its timestamp is more than ${requestTimestampToleranceSeconds / 60} minutes ahead of this machine's clock`)}`);
      // Drain the unread body so the connection can be reused.
      request.resume();
      response.writeHead(401).end();
      return;
    }
    next(request, response);
  };
}

/** Swaps Bolt's `respond` for one that retries when Slack fails to take the reply. */
function withRetryingRespond<Args extends { body: unknown; respond: RespondFn }>(listener: (args: Args) => Promise<void>, retry: ReplyRetryOptions) {
  return (args: Args): Promise<void> => {
    const responseUrl = (args.body as { response_url?: unknown }).response_url;
    return listener(typeof responseUrl === 'string' ? { ...args, respond: createRetryingRespond(responseUrl, retry) } : args);
  };
}

/** Tracks whether a Socket Mode connection is open now, from the client's lifecycle events. */
function watchSocketConnection(receiver: SocketModeReceiver): () => boolean {
  let connected = false;
  receiver.client.on('connected', () => (connected = true));
  // 'close' comes first, seconds before the client starts reconnecting.
  for (const state of ['close', 'reconnecting', 'disconnecting', 'disconnected']) receiver.client.on(state, () => (connected = false));
  return () => connected;
}

/**
 * Creates the Bolt app and wires the middleware and listeners; nothing else happens here.
 * HTTP mode unless `settings.appToken` is set, then Socket Mode.
 */
export function createSlackApp(
  settings: SlackSettings,
  services: PlatformServices,
  options: Partial<SlackAppOptions> = {},
): { app: App; inFlight: Set<Promise<void>>; socketConnected: (() => boolean) | null } {
  const retry = options.retry ?? defaultReplyRetryOptions;
  const inFlight = new Set<Promise<void>>();
  const logger = createBoltLogger(services.log);
  const clientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: { retries: retry.retries, factor: 2, minTimeout: retry.minDelayMs, maxTimeout: retry.maxDelayMs },
    timeout: retry.timeoutMs,
  };
  let receiver: HTTPReceiver | SocketModeReceiver;
  let socketConnected: (() => boolean) | null = null;
  if (settings.appToken) {
    // Made here rather than by Bolt, so that readiness can follow the connection.
    const socketReceiver = new SocketModeReceiver({ appToken: settings.appToken, logger, installerOptions: { clientOptions } });
    socketConnected = watchSocketConnection(socketReceiver);
    receiver = socketReceiver;
  } else {
    // Ack first, then answer: right for a long-running server (not FaaS).
    const httpReceiver = new HTTPReceiver({ signingSecret: settings.signingSecret ?? '', endpoints: slackEventsPath, logger, processBeforeResponse: false });
    httpReceiver.requestListener = refuseFutureRequests(httpReceiver.requestListener, services.log);
    receiver = httpReceiver;
  }
  const app = new App({
    token: settings.botToken,
    logger,
    clientOptions,
    // auth.test runs in init(), where start-up can report a bad token clearly, not in the constructor.
    deferInitialization: true,
    receiver,
    ...(settings.appToken ? { socketMode: true } : {}),
  });
  // Before every listener: an event Slack delivers again (a retry, perhaps to another replica) is handled once.
  app.use(createDeduplicateEvents(services.eventDeduplicator ?? createMemoryDeduplicator(), services.log));
  const deps: SlackDeps = {
    getAnswerer: services.getAnswerer,
    questionLog: services.questionLog,
    askerLimiter: services.askerLimiter ?? createAskerLimiter({ RATE_LIMIT_PER_MINUTE: settings.rateLimitPerMinute }),
    log: services.log,
    command: settings.command,
    conversations: services.conversations ?? createConversationMemory(),
    escalationChannel: settings.escalationChannel,
    track: (work) => {
      inFlight.add(work);
      const done = () => inFlight.delete(work);
      work.then(done, done);
    },
    pane: createAssistantPane(services.log),
  };
  // After de-duplication and before the listeners: Bolt's Assistant takes the pane's events and every threaded DM.
  if (settings.assistant) app.assistant(createAssistant(deps));
  app.command(settings.command, withRetryingRespond(createRtpCommand(deps), retry));
  app.event('app_mention', createAppMention(deps));
  app.event('message', createDirectMessage(deps));
  app.event('app_home_opened', createAppHomeOpened(deps));
  app.shortcut({ type: 'message_action', callback_id: askAboutMessageCallbackId }, withRetryingRespond(createAskAboutMessage(deps), retry));
  app.action(actionIds.escalate, withRetryingRespond(createStillNeedHelp(deps), retry));
  app.action(askActionPattern, withRetryingRespond(createAskQuestion(deps), retry));
  app.action(askHereActionPattern, withRetryingRespond(createAskHere(deps), retry));
  app.action(actionIds.share, withRetryingRespond(createShareInChannel(deps), retry));
  app.action(new RegExp(`^(${actionIds.feedbackUp}|${actionIds.feedbackDown}|${actionIds.feedback})$`), withRetryingRespond(createGiveFeedback(deps), retry));
  // Listeners catch their own errors; this catches what happens around them (e.g. authorisation).
  app.error(async (error) => {
    services.log('error', `slack: ${summariseForLog(error)}`);
  });
  return { app, inFlight, socketConnected };
}

const startFailure = (what: string, error: unknown): RtpError => new RtpError('SLACK_START_FAILED', `rtp-bot: ${what} (${summariseForLog(error)}).`, { cause: error });

/**
 * Creates and starts the Slack app: checks the bot token with Slack, then
 * listens over HTTP or connects over Socket Mode.
 * @throws {RtpError} `SLACK_START_FAILED` when Slack rejects the token or the port is taken.
 */
export async function startSlackApp(settings: SlackSettings, services: PlatformServices, options: Partial<SlackAppOptions> = {}): Promise<RunningSlackApp> {
  const { app, inFlight, socketConnected } = createSlackApp(settings, services, options);
  try {
    await app.init();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'slack_webapi_platform_error') {
      throw startFailure('Slack did not accept SLACK_BOT_TOKEN; check the token under "OAuth & Permissions" and that the app is installed in the workspace', error);
    }
    throw unreachableAtStart('SLACK_START_FAILED', 'the Slack Web API', settings.apiUrl ? 'SLACK_API_URL' : undefined, error);
  }
  let url: string | null = null;
  try {
    if (settings.appToken) {
      await app.start();
    } else {
      const server = await app.start({ port: settings.port, ...(settings.host ? { host: settings.host } : {}) });
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${host}:${address.port}${slackEventsPath}`;
    }
  } catch (error) {
    throw startFailure(
      settings.appToken
        ? 'could not connect to Slack over Socket Mode; check SLACK_APP_TOKEN'
        : `could not listen on ${settings.host ?? 'all interfaces'} port ${settings.port}; check HOST and PORT`,
      error,
    );
  }
  services.log('info', `slack: ${settings.command} ready ${url ? `at ${url}` : 'over Socket Mode'}`);
  let stopped = false;
  return {
    url,
    // Over HTTP, listening is being connected: Slack reaches us.
    isConnected: () => !stopped && (socketConnected?.() ?? true),
    async stop() {
      stopped = true;
      await app.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}
