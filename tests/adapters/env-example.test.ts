import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { slackSettingsSchema } from '../../adapters/slack/settings.js';

// The settings the new ways in added: each must be in .env.example, empty, under a comment saying what it is.
const added = [
  'SLACK_ESCALATION_CHANNEL',
  'SLACK_ASSISTANT',
  'DISCORD_MENU_COMMAND',
  'DISCORD_FORUM_CHANNELS',
  'DISCORD_FORUM_READ_POSTS',
  'DISCORD_ESCALATION_CHANNEL',
  'QUESTION_LOG_URL',
  'QUESTION_LOG_RETENTION_DAYS',
];

describe('.env.example', () => {
  const lines = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n');

  it.each(added)('lists %s, empty, with a comment above it', (name) => {
    const at = lines.indexOf(`${name}=`);
    expect(at, `${name}= is missing`).toBeGreaterThan(0);
    expect(lines[at - 1]).toMatch(/^# \S/);
  });

  it('lists every setting the Slack schema reads', () => {
    const missing = Object.keys(slackSettingsSchema(false).shape).filter((name) => !lines.includes(`${name}=`));
    expect(missing).toEqual([]);
  });
});
