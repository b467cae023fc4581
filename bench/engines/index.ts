import type { BenchEngine } from './engine.js';
import { flexSearchEngine } from './flexsearch.js';
import { lunrEngine } from './lunr.js';
import { miniSearchEngine } from './minisearch.js';
import { oramaEngine } from './orama.js';
import { rtpBotEngine } from './rtp-bot.js';

/** Every engine the benchmark compares, rtp-bot first. */
export const benchEngines: readonly BenchEngine[] = [rtpBotEngine, miniSearchEngine, lunrEngine, flexSearchEngine, oramaEngine];
