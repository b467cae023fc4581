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
    actions: [
      { action_id: button.action_id, block_id: 'b1', text: { type: 'plain_text', text: button.text.text }, value: button.value, type: 'button', action_ts: '1700000001.000200' },
    ],
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
    // Elements without text of their own (Slack's feedback buttons) add nothing.
    ...(block.elements ?? []).flatMap((element) => (typeof element.text === 'string' ? [element.text] : element.text ? [element.text.text] : [])),
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
export function mentionEvent(
  text: string,
  fields: { ts?: string; threadTs?: string; channel?: string; user?: string; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
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
export function directMessageEvent(
  text: string,
  fields: { ts?: string; threadTs?: string; channel?: string; user?: string; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
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
    actions: [
      { action_id: button.action_id, block_id: 'b1', text: { type: 'plain_text', text: button.text.text }, value: button.value, type: 'button', action_ts: '1700000003.000400' },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Where a thread of the assistant pane lives: the person's DM with the app, and the thread's timestamp. */
export interface PaneThreadRef {
  channel: string;
  threadTs: string;
  user: string;
}

let paneCount = 0;
/** A fresh thread in the assistant pane, as Slack opens one. */
export const newPaneThread = (user = 'U0PANE'): PaneThreadRef => ({ channel: `D0PANE${(paneCount += 1)}`, threadTs: `1729999${String(paneCount).padStart(3, '0')}.187299`, user });

/** `assistant_thread_started` (or `_context_changed`): the pane opened beside a channel (`viewing`), or with none. */
export function paneThreadEvent(
  thread: PaneThreadRef,
  viewing: string | null,
  type: 'assistant_thread_started' | 'assistant_thread_context_changed' = 'assistant_thread_started',
): Record<string, unknown> {
  return {
    type,
    assistant_thread: {
      user_id: thread.user,
      context: viewing ? { channel_id: viewing, team_id: 'T0STANDIN', enterprise_id: null } : {},
      channel_id: thread.channel,
      thread_ts: thread.threadTs,
    },
    event_ts: newMessageTs(),
  };
}

/** A message the person sends in a thread of the assistant pane (`message.im`), marked as Slack marks them unless `marked` is false. */
export function paneMessageEvent(thread: PaneThreadRef, text: string, options: { marked?: boolean; extra?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    ...directMessageEvent(text, { channel: thread.channel, user: thread.user, threadTs: thread.threadTs, extra: options.extra }),
    parent_user_id: 'U0BOT',
    ...(options.marked === false ? {} : { assistant_thread: { action_token: 'stand-in-action-token' } }),
  };
}

/** A click on a button in a message the app posted in a DM thread (the assistant pane's), as a `block_actions` form body. */
export function threadButtonClickBody(button: SentButton, fields: { responseUrl: string; thread: PaneThreadRef; messageTs?: string }): string {
  const messageTs = fields.messageTs ?? '1729999999.000100';
  const payload = {
    type: 'block_actions',
    user: { id: fields.thread.user, username: 'asker', name: 'asker', team_id: 'T0STANDIN' },
    api_app_id: 'A0STANDIN',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: fields.thread.channel, is_ephemeral: false, thread_ts: fields.thread.threadTs },
    trigger_id: '1.2.7',
    team: { id: 'T0STANDIN', domain: 'stand-in' },
    channel: { id: fields.thread.channel, name: 'directmessage' },
    message: { type: 'message', user: 'U0BOT', bot_id: 'B0BOT', ts: messageTs, thread_ts: fields.thread.threadTs, text: '' },
    response_url: fields.responseUrl,
    actions: [
      { action_id: button.action_id, block_id: 'b1', text: { type: 'plain_text', text: button.text.text }, value: button.value, type: 'button', action_ts: '1700000004.000500' },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Slack's own feedback buttons (`feedback_buttons` in a `context_actions` block), as found in a reply's blocks. */
export interface SentFeedbackButtons {
  type: 'feedback_buttons';
  action_id: string;
  positive_button: { text: { text: string }; value: string };
  negative_button: { text: { text: string }; value: string };
}

/** The feedback buttons in a message's `context_actions` blocks. */
export function feedbackButtonsOf(message: Record<string, unknown>): SentFeedbackButtons[] {
  const blocks = (message.blocks ?? []) as { type: string; elements?: SentFeedbackButtons[] }[];
  return blocks.filter((block) => block.type === 'context_actions').flatMap((block) => (block.elements ?? []).filter((element) => element.type === 'feedback_buttons'));
}

/** A click on one of Slack's own feedback buttons under a reply in a DM thread, as a `block_actions` form body. */
export function feedbackClickBody(buttons: SentFeedbackButtons, which: 'positive' | 'negative', fields: { responseUrl: string; thread: PaneThreadRef }): string {
  const pressed = which === 'positive' ? buttons.positive_button : buttons.negative_button;
  const payload = JSON.parse(
    new URLSearchParams(threadButtonClickBody({ action_id: buttons.action_id, value: pressed.value, text: pressed.text }, fields)).get('payload') ?? '{}',
  ) as { actions: Record<string, unknown>[] };
  payload.actions = [
    {
      action_id: buttons.action_id,
      block_id: 'b2',
      type: 'feedback_buttons',
      value: pressed.value,
      text: { type: 'plain_text', text: pressed.text.text },
      action_ts: '1700000005.000600',
    },
  ];
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
