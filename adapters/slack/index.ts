import type { PlatformAdapter } from '../shared/platform.js';
import { startSlackApp } from './app.js';
import { hasSlackSettings, parseSlackSettings } from './settings.js';

/** Slack: the slash command and its buttons, over HTTP or Socket Mode. */
export const slackPlatform: PlatformAdapter = {
  name: 'Slack',
  isConfigured: hasSlackSettings,
  checkSettings: (env) => void parseSlackSettings(env),
  start: async (context) => startSlackApp(parseSlackSettings(context.env), context),
};
