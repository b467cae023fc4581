import { discordAdapter } from './discord/index.js';
import type { PlatformAdapter } from './shared/platform.js';
import { slackPlatform } from './slack/index.js';

/** Every platform adapter `npm start` knows. Add a new way in here. */
export const platforms: PlatformAdapter[] = [slackPlatform, discordAdapter];
