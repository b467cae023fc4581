/** The label of the button that passes an unanswered question on to people, the same on every platform. */
export const escalationLabel = 'Still need help?';

/**
 * What the asker is told once their question was passed on. Slack and Discord
 * both write a channel mention as `<#id>`.
 */
export function describeEscalatedTo(channelId: string): string {
  return `I've passed your question on to <#${channelId}>, naming you, so someone there can reply.`;
}
