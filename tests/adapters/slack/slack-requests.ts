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

let eventCount = 0;
/** A fresh `event_id`, as Slack gives each event. */
export const newEventId = (): string => `Ev0STANDIN${(eventCount += 1)}`;

/** An Events API envelope (`event_callback`) around one event, as Slack posts it as JSON. */
export function eventBody(event: Record<string, unknown>, eventId: string = newEventId()): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: 'T0STANDIN',
    api_app_id: 'A0STANDIN',
    event: { event_ts: event.ts ?? '1700000000.000100', ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ enterprise_id: null, team_id: 'T0STANDIN', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
}

/** Posts a JSON body (an event) to the app, signed, with any extra headers (e.g. `x-slack-retry-num`). */
export function postEventToApp(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signSlackBody(body), ...headers }, body });
}

let tsCount = 0;
/** A fresh message timestamp for a message a person sends. */
export const newMessageTs = (): string => `1700000${String((tsCount += 1)).padStart(3, '0')}.000100`;

/** An `app_mention` event: `<@U0BOT> text` in a channel, optionally inside a thread. */
export function mentionEvent(text: string, fields: { ts?: string; threadTs?: string; channel?: string; user?: string; extra?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    type: 'app_mention',
    user: fields.user ?? 'U0ASKER',
    text: `<@U0BOT> ${text}`,
    ts: fields.ts ?? newMessageTs(),
    channel: fields.channel ?? 'C0GENERAL',
    ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    ...fields.extra,
  };
}

/** A `message` event in the app's DM (`message.im`). */
export function directMessageEvent(text: string, fields: { ts?: string; threadTs?: string; channel?: string; user?: string; extra?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    type: 'message',
    channel_type: 'im',
    user: fields.user ?? 'U0ASKER',
    text,
    ts: fields.ts ?? newMessageTs(),
    channel: fields.channel ?? 'D0ASKER',
    ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    ...fields.extra,
  };
}

/** A message shortcut's form body (`payload=` JSON, `type: message_action`), used on a message holding `text`. */
export function messageShortcutBody(text: string | undefined, fields: { responseUrl: string; userId?: string; callbackId?: string }): string {
  const payload = {
    type: 'message_action',
    token: 'deprecated-verification-token',
    action_ts: '1700000002.000300',
    team: { id: 'T0STANDIN', domain: 'stand-in' },
    user: { id: fields.userId ?? 'U0ASKER', username: 'asker', name: 'asker', team_id: 'T0STANDIN' },
    channel: { id: 'C0GENERAL', name: 'general' },
    is_enterprise_install: false,
    callback_id: fields.callbackId ?? 'rtp_ask_about_message',
    trigger_id: '1.2.5',
    response_url: fields.responseUrl,
    message_ts: '1700000000.000100',
    message: { type: 'message', user: 'U0NEWCOMER', ts: '1700000000.000100', ...(text === undefined ? {} : { text }) },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A click on a button in the App Home tab: a `block_actions` payload from a view, with no response URL or channel. */
export function homeButtonClickBody(button: SentButton, userId = 'U0ASKER'): string {
  const payload = {
    type: 'block_actions',
    user: { id: userId, username: 'asker', name: 'asker', team_id: 'T0STANDIN' },
    api_app_id: 'A0STANDIN',
    token: 'deprecated-verification-token',
    container: { type: 'view', view_id: 'V0HOME' },
    trigger_id: '1.2.6',
    team: { id: 'T0STANDIN', domain: 'stand-in' },
    view: { id: 'V0HOME', type: 'home', blocks: [], private_metadata: '', callback_id: '', hash: 'h', app_id: 'A0STANDIN', bot_id: 'B0BOT' },
    actions: [{ action_id: button.action_id, block_id: 'b1', text: { type: 'plain_text', text: button.text.text }, value: button.value, type: 'button', action_ts: '1700000003.000400' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
