import { describe, expect, it } from 'vitest';
import { createAssistantPane } from '../../../adapters/slack/assistant-pane.js';

const slackError = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

describe('createAssistantPane', () => {
  it("remembers each thread's context flag and title, and forgets a thread after its time to live", () => {
    let now = 0;
    const pane = createAssistantPane(() => undefined, { ttlMs: 1000, now: () => now });
    pane.noteContext('t1', true);
    expect(pane.thread('t1')).toEqual({ channelContext: true, titled: false });
    expect(pane.claimTitle('t1')).toBe(true);
    expect(pane.claimTitle('t1')).toBe(false);
    pane.noteContext('t1', false);
    expect(pane.thread('t1')).toEqual({ channelContext: false, titled: true });
    // A thread never seen opening (another replica saw it) can still be titled, once.
    expect(pane.claimTitle('t2')).toBe(true);
    expect(pane.thread('t2')).toEqual({ channelContext: false, titled: true });
    now = 1500;
    expect(pane.thread('t1')).toBeUndefined();
  });

  it('keeps at most maxThreads, forgetting the one touched longest ago', () => {
    const pane = createAssistantPane(() => undefined, { maxThreads: 2 });
    pane.noteContext('a', true);
    pane.noteContext('b', true);
    pane.noteContext('a', false);
    pane.noteContext('c', true);
    expect([pane.thread('a'), pane.thread('b'), pane.thread('c')].map((thread) => thread !== undefined)).toEqual([true, false, true]);
  });

  it('never rejects when a call fails, and logs each method and error once, without any token', async () => {
    const lines: string[] = [];
    const pane = createAssistantPane((level, message) => lines.push(`${level} ${message}`));
    let calls = 0;
    const failing = (error: string) => () => {
      calls += 1;
      return Promise.reject(slackError(error));
    };
    await pane.attempt('assistant.threads.setStatus', failing('not_allowed_token_type'));
    await pane.attempt('assistant.threads.setStatus', failing('not_allowed_token_type'));
    await pane.attempt('assistant.threads.setStatus', failing('ratelimited'));
    await pane.attempt('assistant.threads.setTitle', failing('not_allowed_token_type'));
    await pane.attempt('assistant.threads.setTitle', () => Promise.reject(new Error('token xoxb-1234-secret refused')));
    await pane.attempt('assistant.threads.setTitle', () => Promise.resolve({ ok: true }));
    expect(calls).toBe(4);
    expect(lines).toEqual([
      expect.stringMatching(/^warn slack: assistant\.threads\.setStatus failed \(.*not_allowed_token_type\); answering without it\./),
      expect.stringMatching(/^warn slack: assistant\.threads\.setStatus failed \(.*ratelimited\)/),
      expect.stringMatching(/^warn slack: assistant\.threads\.setTitle failed \(.*not_allowed_token_type\)/),
      expect.stringMatching(/^warn slack: assistant\.threads\.setTitle failed \(Error: token \[token\] refused\)/),
    ]);
  });
});
