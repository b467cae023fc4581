import { ConfigError, KnowledgeError, UnreachableError } from '../../src/index.js';

/** Thrown for bad command-line arguments: the tool prints the message and its usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What went wrong, as far as an exit code tells it. */
export type Failure = 'usage' | 'knowledge' | 'unreachable' | 'internal';

/** The exit code of each kind of failure, for one program. */
export type FailureExitCodes = Readonly<Record<Failure, number>>;

/**
 * `npm run ask`: 2 usage or settings, 3 invalid knowledge files, 4 anything
 * else (the question log's database unreachable included).
 */
export const askFailureCodes: FailureExitCodes = { usage: 2, knowledge: 3, unreachable: 4, internal: 4 };

/** `npm run kb` and `npm run eval`: as `ask`, but the question log's database unreachable is 1, a problem found. */
export const kbFailureCodes: FailureExitCodes = { ...askFailureCodes, unreachable: 1 };

/** `npm start`, a Discord shard and the shard manager: 2 for settings, 1 for anything else. */
export const serverFailureCodes: FailureExitCodes = { usage: 2, knowledge: 1, unreachable: 1, internal: 1 };

/** The one place an error is told apart for an exit code: by its class, never by comparing codes. */
export function failureOf(error: unknown): Failure {
  if (error instanceof UsageError || error instanceof ConfigError) return 'usage';
  if (error instanceof KnowledgeError) return 'knowledge';
  if (error instanceof UnreachableError) return 'unreachable';
  return 'internal';
}

/** The exit code a program gives for an error it caught at its edge. */
export function exitCodeOf(error: unknown, codes: FailureExitCodes): number {
  return codes[failureOf(error)];
}
