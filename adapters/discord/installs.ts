import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';

/**
 * Every command can be installed both ways: by a server's admins (guild
 * install) and by a member for themselves (user install), so members can use
 * it in servers that never added the bot, and in DMs.
 */
export const everyInstall = [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall];

/** Every command can be used in servers, in the bot's DM, and in group DMs and other private channels. */
export const everywhere = [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel];
