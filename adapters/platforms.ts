import { discordAdapter } from './discord/index.js';
import type { PlatformAdapter } from './shared/platform.js';

/** Every platform adapter `npm start` knows. Add a new way in here. */
export const platforms: PlatformAdapter[] = [
  discordAdapter,
];
