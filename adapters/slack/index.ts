import type { PlatformAdapter } from '../shared/platform.js';
import { hasSlackSettings, parseSlackSettings } from './settings.js';

/** Slack: the slash command and its buttons, over HTTP or Socket Mode. */
export const slackPlatform: PlatformAdapter = {
  platform: 'slack',
  title: 'Slack',
  isConfigured: hasSlackSettings,
  checkSettings: (env) => void parseSlackSettings(env),
  // Bolt is loaded only when Slack starts: the console, or a Discord-only bot, never pays its start-up time and memory.
  start: async (context) => (await import('./app.js')).startSlackApp(parseSlackSettings(context.env), context),
};
