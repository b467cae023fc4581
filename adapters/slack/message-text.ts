import { unescapeSlackText } from './build-reply.js';

/**
 * The question in a message's text, as the person would read it: mentions of
 * people and the bot, broadcasts and user groups are taken out (they are not
 * part of a question), channel and link markup become their names, and
 * Slack's escaping is undone.
 */
export function readMessageText(text: string | undefined): string {
  const plain = (text ?? '')
    .replace(/<[@!][^>]*>/g, ' ')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<#[A-Z0-9]+>/g, ' ')
    .replace(/<([^|>]+)\|([^>]*)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1');
  return unescapeSlackText(plain).replace(/\s+/g, ' ').trim();
}
