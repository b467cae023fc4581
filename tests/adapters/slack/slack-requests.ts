import { createHmac } from 'node:crypto';

/** The signing secret the tests' app is configured with. */
export const testSigningSecret = 'stand-in-signing-secret-0123456789';
/** A bot token shaped like a real one, to check it is never printed. */
export const testBotToken = 'xoxb-FAKE-test-TOKEN-value-000000000';

/** Signs a body exactly as Slack does: v0 HMAC-SHA256 over `v0:timestamp:body`. */
export function signSlackBody(body: string, secret = testSigningSecret, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

/** A slash command's form body, with Slack's usual fields. */
export function commandBody(fields: { text: string; responseUrl: string; command?: string; userId?: string; channelId?: string }): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0STANDIN',
    team_domain: 'stand-in',
    channel_id: fields.channelId ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: fields.userId ?? 'U0ASKER',
    user_name: 'asker',
    command: fields.command ?? '/rtp',
    text: fields.text,
    api_app_id: 'A0STANDIN',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

/** A button as the bot sent it, as found in a reply's blocks. */
export interface SentButton {
  action_id: string;
  value?: string;
  text: { text: string };
}

/** A block_actions form body (`payload=` JSON), as Slack sends when a button in an ephemeral reply is clicked. */
export function buttonClickBody(button: SentButton, fields: { responseUrl: string; userId?: string; channelId?: string }): string {
  const channelId = fields.channelId ?? 'C0GENERAL';
  const payload = {
    type: 'block_actions',
    user: { id: fields.userId ?? 'U0ASKER', username: 'asker', name: 'asker', team_id: 'T0STANDIN' },
    api_app_id: 'A0STANDIN',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: channelId, is_ephemeral: true },
    trigger_id: '1.2.4',
    team: { id: 'T0STANDIN', domain: 'stand-in' },
    channel: { id: channelId, name: 'general' },
    response_url: fields.responseUrl,
    actions: [{ action_id: button.action_id, block_id: 'b1', text: { type: 'plain_text', text: button.text.text }, value: button.value, type: 'button', action_ts: '1700000001.000200' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Posts a form body to the app, signed unless told otherwise. */
export function postToApp(url: string, body: string, headers: Record<string, string> = signSlackBody(body)): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
}

/** Every button in a message's blocks. */
export function buttonsOf(message: Record<string, unknown>): SentButton[] {
  const blocks = (message.blocks ?? []) as { type: string; elements?: SentButton[] }[];
  return blocks.filter((block) => block.type === 'actions').flatMap((block) => block.elements ?? []);
}

/** Every piece of text in a message's blocks, in order. */
export function textsOf(message: Record<string, unknown>): string[] {
  const blocks = (message.blocks ?? []) as { type: string; text?: { text: string }; elements?: { text?: string | { text: string } }[] }[];
  return blocks.flatMap((block) => [
    ...(block.text ? [block.text.text] : []),
    ...(block.elements ?? []).map((element) => (typeof element.text === 'string' ? element.text : element.text?.text ?? '')),
  ]);
}
