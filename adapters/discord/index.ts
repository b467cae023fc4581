import type { PlatformAdapter } from '../shared/platform.js';
import { hasDiscordSettings, readDiscordSettings } from './settings.js';

/** The Discord adapter: `npm start` starts it when `DISCORD_TOKEN` or `DISCORD_APPLICATION_ID` is set. */
export const discordAdapter: PlatformAdapter = {
  platform: 'discord',
  title: 'Discord',
  isConfigured: hasDiscordSettings,
  checkSettings: (env) => void readDiscordSettings(env),
  async start(services) {
    const settings = readDiscordSettings(services.env);
    if (settings.shards !== undefined) {
      services.log('warn', 'discord: DISCORD_SHARDS is set, but npm start runs a single shard; run `npm run shard` to shard (see docs/discord.md)');
    }
    // discord.js is loaded only when Discord starts: the console, or a Slack-only bot, never pays its start-up time and memory.
    const { startDiscordBot } = await import('./app.js');
    const bot = await startDiscordBot(settings, services);
    return { stop: () => bot.stop(), isConnected: () => bot.isConnected() };
  },
};
