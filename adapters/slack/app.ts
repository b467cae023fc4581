import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { RtpError } from '../../src/index.js';
import type { PlatformContext, RunningPlatform } from '../shared/platform.js';
import { actionIds, askActionPattern } from './blocks/build-blocks.js';
import { createAskQuestion } from './listeners/actions/ask-question.js';
import { createGiveFeedback } from './listeners/actions/give-feedback.js';
import { createShareInChannel } from './listeners/actions/share-in-channel.js';
import { createRtpCommand } from './listeners/commands/rtp.js';
import type { ListenerDeps } from './listeners/listener-deps.js';
import { createBoltLogger, summariseForLog } from './log.js';
import type { SlackSettings } from './settings.js';

/** The path Slack posts commands and button clicks to over HTTP. */
export const slackEventsPath = '/slack/events';

/** A running Slack app. */
export interface RunningSlackApp extends RunningPlatform {
  /** Over HTTP, where it listens (e.g. `http://127.0.0.1:3000/slack/events`); in Socket Mode, `null`. */
  url: string | null;
}

/**
 * Creates the Bolt app and wires the listeners; nothing else happens here.
 * HTTP mode unless `settings.appToken` is set, then Socket Mode.
 */
export function createSlackApp(settings: SlackSettings, context: PlatformContext): { app: App; inFlight: Set<Promise<void>> } {
  const inFlight = new Set<Promise<void>>();
  const app = new App({
    token: settings.botToken,
    logger: createBoltLogger(context.log),
    clientOptions: {
      ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
      // A person is waiting: a couple of quick retries, not the default ten over half an hour.
      retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 },
      timeout: 10_000,
    },
    // auth.test runs in init(), where start-up can report a bad token clearly, not in the constructor.
    deferInitialization: true,
    // Ack first, then answer: right for a long-running server (not FaaS).
    processBeforeResponse: false,
    ...(settings.appToken ? { socketMode: true, appToken: settings.appToken } : { signingSecret: settings.signingSecret ?? '' }),
  });
  const deps: ListenerDeps = {
    getAnswerer: context.getAnswerer,
    questionLog: context.questionLog,
    log: context.log,
    command: settings.command,
    track: (work) => {
      inFlight.add(work);
      const done = () => inFlight.delete(work);
      work.then(done, done);
    },
  };
  app.command(settings.command, createRtpCommand(deps));
  app.action(askActionPattern, createAskQuestion(deps));
  app.action(actionIds.share, createShareInChannel(deps));
  app.action(new RegExp(`^(${actionIds.feedbackUp}|${actionIds.feedbackDown})$`), createGiveFeedback(deps));
  // Listeners catch their own errors; this catches what happens around them (e.g. authorisation).
  app.error(async (error) => {
    context.log('error', `slack: ${summariseForLog(error)}`);
  });
  return { app, inFlight };
}

const startFailure = (what: string, error: unknown): RtpError => new RtpError('SLACK_START_FAILED', `rtp-bot: ${what} (${summariseForLog(error)}).`);

/**
 * Creates and starts the Slack app: checks the bot token with Slack, then
 * listens over HTTP or connects over Socket Mode.
 * @throws {RtpError} `SLACK_START_FAILED` when Slack rejects the token or the port is taken.
 */
export async function startSlackApp(settings: SlackSettings, context: PlatformContext): Promise<RunningSlackApp> {
  const { app, inFlight } = createSlackApp(settings, context);
  try {
    await app.init();
  } catch (error) {
    const rejected = (error as { code?: unknown }).code === 'slack_webapi_platform_error';
    throw startFailure(
      rejected
        ? 'Slack did not accept SLACK_BOT_TOKEN; check the token under "OAuth & Permissions" and that the app is installed in the workspace'
        : `could not reach the Slack Web API${settings.apiUrl ? ' at SLACK_API_URL' : ''}; check the network`,
      error,
    );
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
    throw startFailure(settings.appToken ? 'could not connect to Slack over Socket Mode; check SLACK_APP_TOKEN' : `could not listen on ${settings.host ?? 'all interfaces'} port ${settings.port}; check HOST and PORT`, error);
  }
  context.log('info', `slack: ${settings.command} ready ${url ? `at ${url}` : 'over Socket Mode'}`);
  return {
    url,
    async stop() {
      await app.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}
