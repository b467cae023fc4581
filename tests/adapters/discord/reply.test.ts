import type { RepliableInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { apologyText, replyWithApology } from '../../../adapters/discord/reply.js';

/** Just the parts of an interaction the apology touches, recording what was sent and how. */
function fakeInteraction(state: { deferred: boolean; replied: boolean }, failWith?: Error) {
  const sent: { via: string; body: { flags?: number; embeds: { description?: string }[]; allowedMentions: unknown } }[] = [];
  const record = (via: string) => async (body: (typeof sent)[number]['body']) => {
    if (failWith) throw failWith;
    sent.push({ via, body });
  };
  const interaction = { ...state, reply: record('reply'), followUp: record('followUp') } as unknown as RepliableInteraction;
  return { interaction, sent };
}

describe('replyWithApology', () => {
  it('replies privately when nothing was sent yet, and logs one line', async () => {
    const lines: string[] = [];
    const { interaction, sent } = fakeInteraction({ deferred: false, replied: false });
    await replyWithApology(interaction, { log: (level, message) => lines.push(`${level} ${message}`) }, 'command 1', new Error('boom'));
    expect(sent.map((message) => message.via)).toEqual(['reply']);
    expect(sent[0]?.body.flags).toBe(64);
    expect(sent[0]?.body.embeds[0]?.description).toBe(apologyText);
    expect(sent[0]?.body.allowedMentions).toEqual({ parse: [] });
    expect(lines).toEqual(['error discord: command 1 failed: boom']);
  });

  it('follows up privately when the interaction was already deferred or answered', async () => {
    for (const state of [
      { deferred: true, replied: false },
      { deferred: false, replied: true },
    ]) {
      const { interaction, sent } = fakeInteraction(state);
      await replyWithApology(interaction, { log: () => undefined }, 'button 2', new Error('boom'));
      expect(sent.map((message) => [message.via, message.body.flags])).toEqual([['followUp', 64]]);
    }
  });

  it('never throws, even when Discord refuses the apology too', async () => {
    const lines: string[] = [];
    const { interaction } = fakeInteraction({ deferred: false, replied: false }, new Error('Unknown interaction'));
    await expect(replyWithApology(interaction, { log: (level, message) => lines.push(`${level} ${message}`) }, 'command 3', 'not even an Error')).resolves.toBeUndefined();
    expect(lines).toEqual(['error discord: command 3 failed: not even an Error', 'warn discord: could not send the apology for command 3 either: Unknown interaction']);
  });
});
