import { fileURLToPath } from 'node:url';
import { createAnswerer, createMemoryQuestionLog, type Answerer } from '../../../src/index.js';
import type { PlatformServices } from '../../../adapters/shared/platform.js';
import type { SlackSettings } from '../../../adapters/slack/settings.js';
import { testBotToken, testSigningSecret } from './slack-requests.js';

/** The repository's knowledge folder: the tests ask real questions of the real knowledge base. */
export const knowledgeDir = fileURLToPath(new URL('../../../knowledge', import.meta.url));

let shared: Answerer | undefined;
/** One answerer over the real knowledge base, built once per test file. */
export const realAnswerer = (): Answerer => (shared ??= createAnswerer(knowledgeDir));

/** A question the tests' answerer spy answers with a clarification offering {@link clarifyCandidates}. */
export const clarifiedQuestion = 'what about the trust thing';

/** The two entries a clarification of {@link clarifiedQuestion} offers, best first. */
export const clarifyCandidates = () =>
  ['reddish-vale-school', 'foundation-trusts'].map((id) => {
    const entry = realAnswerer().knowledge.entries.find((candidate) => candidate.id === id);
    return { id, title: entry?.title ?? '', question: entry?.questions[0] ?? '' };
  });

/** A platform context that keeps everything it is given, for assertions. */
export function createTestContext(getAnswerer: () => Answerer = realAnswerer) {
  const questionLog = createMemoryQuestionLog();
  const logLines: string[] = [];
  const context: PlatformServices = {
    env: {},
    getAnswerer,
    questionLog,
    log: (level, message) => {
      logLines.push(`${level} ${message}`);
    },
  };
  return { context, questionLog, logLines };
}

/**
 * HTTP-mode settings pointed at a stand-in, on an ephemeral loopback port.
 * No rate limit unless asked for: most tests ask many questions as one user.
 */
export const httpSettings = (apiUrl: string, overrides: Partial<SlackSettings> = {}): SlackSettings => ({
  botToken: testBotToken,
  signingSecret: testSigningSecret,
  appToken: undefined,
  port: 0,
  host: '127.0.0.1',
  command: '/rtp',
  apiUrl,
  rateLimitPerMinute: 0,
  ...overrides,
});
