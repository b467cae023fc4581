import { describe, expect, it } from 'vitest';
import { discordAdapter } from '../../../adapters/discord/index.js';
import { readDiscordSettings } from '../../../adapters/discord/settings.js';
import { ConfigError } from '../../../src/index.js';

const token = 'MTAwMDAwMDAwMDAwMDAwMDEw.Settings.recognisable-secret-value';
const valid = { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: '1000000000000000010' };

const problemsWith = (env: Record<string, string>): ConfigError => {
  try {
    readDiscordSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('Discord settings', () => {
  it('reads valid settings, with the defaults', () => {
    expect(readDiscordSettings(valid)).toEqual({
      token,
      applicationId: '1000000000000000010',
      guildId: undefined,
      commandName: 'rtp',
      apiUrl: undefined,
      shards: undefined,
      rateLimit: { RATE_LIMIT_PER_MINUTE: 10 },
      menuCommandName: 'Ask rtp-bot',
      forumChannels: [],
      readForumPosts: false,
      escalationChannel: undefined,
    });
  });

  it('reads the menu name, the forum helper and the escalation channel', () => {
    const settings = readDiscordSettings({
      ...valid,
      DISCORD_MENU_COMMAND: ' Ask the co-op bot ',
      DISCORD_FORUM_CHANNELS: '1000000000000000020, 1000000000000000021,',
      DISCORD_FORUM_READ_POSTS: 'true',
      DISCORD_ESCALATION_CHANNEL: '1000000000000000030',
    });
    expect(settings).toMatchObject({
      menuCommandName: 'Ask the co-op bot',
      forumChannels: ['1000000000000000020', '1000000000000000021'],
      readForumPosts: true,
      escalationChannel: '1000000000000000030',
    });
    expect(readDiscordSettings({ ...valid, DISCORD_FORUM_CHANNELS: '1000000000000000020', DISCORD_FORUM_READ_POSTS: '' }).readForumPosts).toBe(false);
  });

  it('names each malformed new setting, and refuses to read posts without forums to read', () => {
    const error = problemsWith({
      ...valid,
      DISCORD_MENU_COMMAND: 'x'.repeat(33),
      DISCORD_FORUM_CHANNELS: 'help-forum',
      DISCORD_ESCALATION_CHANNEL: '#experts',
      DISCORD_FORUM_READ_POSTS: 'maybe',
    });
    expect(error.issues.map((issue) => issue.setting)).toEqual(['DISCORD_MENU_COMMAND', 'DISCORD_FORUM_CHANNELS', 'DISCORD_FORUM_READ_POSTS', 'DISCORD_ESCALATION_CHANNEL']);
    expect(error.message).not.toContain('help-forum');
    expect(problemsWith({ ...valid, DISCORD_FORUM_READ_POSTS: 'true' }).message).toMatch(/DISCORD_FORUM_READ_POSTS: is only used with DISCORD_FORUM_CHANNELS/);
  });

  it('treats the empty values of .env.example as not set', () => {
    const settings = readDiscordSettings({ ...valid, DISCORD_GUILD_ID: '', DISCORD_COMMAND: '', DISCORD_API_URL: ' ', DISCORD_SHARDS: '' });
    expect(settings.commandName).toBe('rtp');
    expect(settings.guildId).toBeUndefined();
    expect(settings.apiUrl).toBeUndefined();
  });

  it('reads the optional settings', () => {
    const settings = readDiscordSettings({
      ...valid,
      DISCORD_GUILD_ID: '1000000000000000000',
      DISCORD_COMMAND: 'ask-rtp',
      DISCORD_API_URL: 'http://127.0.0.1:9/api/',
      DISCORD_SHARDS: '4',
    });
    expect(settings).toMatchObject({ guildId: '1000000000000000000', commandName: 'ask-rtp', apiUrl: 'http://127.0.0.1:9/api', shards: 4 });
    expect(readDiscordSettings({ ...valid, DISCORD_SHARDS: 'auto' }).shards).toBe('auto');
    expect(readDiscordSettings({ ...valid, RATE_LIMIT_PER_MINUTE: '3' }).rateLimit).toEqual({ RATE_LIMIT_PER_MINUTE: 3 });
    expect(readDiscordSettings({ ...valid, RATE_LIMIT_PER_MINUTE: '0' }).rateLimit).toEqual({ RATE_LIMIT_PER_MINUTE: 0 });
  });

  it('names every missing setting in one error', () => {
    const error = problemsWith({});
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((issue) => issue.setting)).toEqual(['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID']);
    expect(error.message).toMatch(/DISCORD_TOKEN: is missing/);
  });

  it('names every malformed setting in one error and never prints the token', () => {
    const error = problemsWith({
      DISCORD_TOKEN: `Bot ${token}`,
      DISCORD_APPLICATION_ID: 'my-app',
      DISCORD_GUILD_ID: '12',
      DISCORD_COMMAND: 'Ask RTP',
      DISCORD_API_URL: 'discord.com/api',
      DISCORD_SHARDS: 'lots',
      RATE_LIMIT_PER_MINUTE: 'ten',
    });
    expect(error.issues.map((issue) => issue.setting)).toEqual([
      'DISCORD_TOKEN',
      'DISCORD_APPLICATION_ID',
      'DISCORD_GUILD_ID',
      'DISCORD_COMMAND',
      'DISCORD_API_URL',
      'DISCORD_SHARDS',
      'RATE_LIMIT_PER_MINUTE',
    ]);
    expect(error.message).not.toContain('recognisable-secret-value');
    expect(problemsWith({ ...valid, DISCORD_TOKEN: 'not a token' }).message).toMatch(/DISCORD_TOKEN: does not look like a bot token/);
  });
});

describe('the Discord adapter', () => {
  it('is started by npm start once either Discord id setting is present', () => {
    expect(discordAdapter.isConfigured({})).toBe(false);
    expect(discordAdapter.isConfigured({ DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '' })).toBe(false);
    expect(discordAdapter.isConfigured(valid)).toBe(true);
    // Half set up: start, so the operator hears which setting is missing rather than nothing at all.
    expect(discordAdapter.isConfigured({ DISCORD_TOKEN: token })).toBe(true);
  });
});
