import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/index.js';
import { askAboutMessageCallbackId } from '../../../adapters/slack/listeners/shortcuts/ask-about-message.js';
import { hasSlackSettings, parseSlackSettings } from '../../../adapters/slack/settings.js';
import { testBotToken, testSigningSecret } from './slack-requests.js';

const issuesOf = (env: NodeJS.ProcessEnv): { settings: string[]; message: string } => {
  try {
    parseSlackSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const config = error as ConfigError;
    return { settings: config.issues.map((issue) => issue.setting), message: config.message };
  }
  throw new Error('expected a ConfigError');
};

describe('the Slack settings', () => {
  it('reads HTTP settings with their defaults', () => {
    expect(parseSlackSettings({ SLACK_BOT_TOKEN: testBotToken, SLACK_SIGNING_SECRET: testSigningSecret })).toEqual({
      botToken: testBotToken,
      signingSecret: testSigningSecret,
      appToken: undefined,
      port: 3000,
      host: undefined,
      command: '/rtp',
      apiUrl: undefined,
      rateLimitPerMinute: 10,
      escalationChannel: undefined,
      assistant: false,
    });
  });

  it('reads every setting, and treats blank ones (NAME= in .env) as unset', () => {
    expect(
      parseSlackSettings({
        SLACK_BOT_TOKEN: testBotToken,
        SLACK_SIGNING_SECRET: '',
        SLACK_APP_TOKEN: 'xapp-1-A-2-abc',
        PORT: '8080',
        HOST: '127.0.0.1',
        SLACK_COMMAND: '/policy',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        RATE_LIMIT_PER_MINUTE: '3',
        SLACK_ESCALATION_CHANNEL: ' C0EXPERTS ',
        SLACK_ASSISTANT: 'true',
      }),
    ).toEqual({
      botToken: testBotToken,
      signingSecret: undefined,
      appToken: 'xapp-1-A-2-abc',
      port: 8080,
      host: '127.0.0.1',
      command: '/policy',
      apiUrl: 'http://127.0.0.1:9/api/',
      rateLimitPerMinute: 3,
      escalationChannel: 'C0EXPERTS',
      assistant: true,
    });
    for (const [value, assistant] of [
      ['yes', true],
      ['1', true],
      ['false', false],
      ['no', false],
      ['0', false],
      ['', false],
      [' true ', true],
    ] as const) {
      expect(parseSlackSettings({ SLACK_BOT_TOKEN: testBotToken, SLACK_SIGNING_SECRET: 's', SLACK_ASSISTANT: value }).assistant, `SLACK_ASSISTANT=${value}`).toBe(assistant);
    }
    expect(parseSlackSettings({ SLACK_BOT_TOKEN: testBotToken, SLACK_SIGNING_SECRET: 's', RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
    expect(parseSlackSettings({ SLACK_BOT_TOKEN: testBotToken, SLACK_SIGNING_SECRET: 's', PORT: '', SLACK_COMMAND: ' ', SLACK_API_URL: '' })).toMatchObject({
      port: 3000,
      command: '/rtp',
      apiUrl: undefined,
    });
  });

  it('lists every missing setting at once', () => {
    expect(issuesOf({}).settings).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
  });

  it('does not need the signing secret in Socket Mode', () => {
    expect(parseSlackSettings({ SLACK_BOT_TOKEN: testBotToken, SLACK_APP_TOKEN: 'xapp-1-A-2-abc' }).signingSecret).toBeUndefined();
  });

  it('names every malformed setting and never prints a value', () => {
    const secretLooking = 'SECRET-VALUE-never-print-me';
    const { settings, message } = issuesOf({
      SLACK_BOT_TOKEN: secretLooking,
      SLACK_APP_TOKEN: `${secretLooking}-2`,
      SLACK_SIGNING_SECRET: 'x',
      PORT: '70000',
      SLACK_COMMAND: 'rtp',
      SLACK_API_URL: 'not a url',
      SLACK_ESCALATION_CHANNEL: '#experts',
      SLACK_ASSISTANT: 'on',
      RATE_LIMIT_PER_MINUTE: 'ten',
    });
    expect(settings).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'PORT',
      'SLACK_COMMAND',
      'SLACK_API_URL',
      'SLACK_ESCALATION_CHANNEL',
      'SLACK_ASSISTANT',
      'RATE_LIMIT_PER_MINUTE',
    ]);
    expect(message).toContain('SLACK_ESCALATION_CHANNEL: must be a channel id');
    expect(message).toContain('SLACK_ASSISTANT: must be true or false');
    expect(message).not.toContain(secretLooking);
    expect(message).toContain('xoxb-');
  });

  it('counts Slack as configured when any of its settings is given', () => {
    expect(hasSlackSettings({})).toBe(false);
    expect(hasSlackSettings({ SLACK_BOT_TOKEN: '', PORT: '3000' })).toBe(false);
    expect(hasSlackSettings({ SLACK_SIGNING_SECRET: 'x' })).toBe(true);
    expect(hasSlackSettings({ SLACK_BOT_TOKEN: testBotToken })).toBe(true);
  });
});

describe('the Slack app manifest', () => {
  const manifest = JSON.parse(readFileSync(new URL('../../../adapters/slack/manifest.json', import.meta.url), 'utf8'));

  it('declares the default command, interactivity and events at the same URL, and no Socket Mode', () => {
    const defaults = parseSlackSettings({ SLACK_BOT_TOKEN: testBotToken, SLACK_SIGNING_SECRET: testSigningSecret });
    expect(manifest.features.slash_commands).toMatchObject([{ command: defaults.command, url: 'https://YOUR-HOST/slack/events', should_escape: false }]);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://YOUR-HOST/slack/events' });
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://YOUR-HOST/slack/events');
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('asks for exactly the scopes and events the listeners need: the command, replies, mentions, DMs and the App Home', () => {
    // chat:write: every reply; app_mentions:read: app_mention; im:history: message.im. No channel history: the bot reads only what is addressed to it.
    expect(manifest.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'app_mentions:read', 'im:history']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });

  it('declares the message shortcut with the callback id the app listens for', () => {
    expect(manifest.features.shortcuts).toEqual([{ name: 'Ask rtp-bot about this', type: 'message', callback_id: askAboutMessageCallbackId, description: expect.any(String) }]);
  });
});

describe("the manifest for Slack's assistant pane (manifest-assistant.json, with SLACK_ASSISTANT=true)", () => {
  const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../adapters/slack/${name}`, import.meta.url), 'utf8'));
  const base = read('manifest.json');
  const pane = read('manifest-assistant.json');

  it('adds the assistant feature, assistant:write and the two assistant events, and asks for no history beyond im:history', () => {
    expect(pane.features.assistant_view).toEqual({ assistant_description: expect.stringMatching(/^.{20,300}$/), suggested_prompts: [] });
    expect(pane.oauth_config.scopes.bot).toEqual([...base.oauth_config.scopes.bot, 'assistant:write']);
    expect(pane.oauth_config.scopes.bot.filter((scope: string) => scope.endsWith(':history'))).toEqual(['im:history']);
    expect(pane.settings.event_subscriptions.bot_events).toEqual([...base.settings.event_subscriptions.bot_events, 'assistant_thread_started', 'assistant_thread_context_changed']);
  });

  it('is otherwise the same manifest, so the two cannot drift apart', () => {
    const { assistant_view: _feature, ...features } = pane.features;
    const same = (manifest: typeof base) => ({
      ...manifest,
      display_information: { ...manifest.display_information, long_description: '' },
      oauth_config: {},
      settings: { ...manifest.settings, event_subscriptions: { ...manifest.settings.event_subscriptions, bot_events: [] } },
    });
    expect(same({ ...pane, features })).toEqual(same(base));
    expect(pane.display_information.long_description).toContain('assistant pane');
  });
});
