import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import type { z } from 'zod';
import { ConfigError, RtpError, type ConfigIssue } from '../../src/index.js';
import { redactSecrets } from './redact.js';

/** The nearest folder at or above `dir` that holds a package.json. */
function findPackageRoot(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'package.json'))) return at;
    if (dirname(at) === at) return dir;
  }
}

/**
 * The repository's root folder, the same whether this runs from the TypeScript
 * sources (`adapters/shared/`) or compiled (`dist/adapters/shared/`).
 */
export const packageRoot = findPackageRoot(fileURLToPath(new URL('.', import.meta.url)));

/** The knowledge folder shipped with the repository. */
export const defaultKnowledgeDir = join(packageRoot, 'knowledge');

/** The knowledge folder to use: a command-line override, else `KNOWLEDGE_DIR`, else the repository's. */
export function knowledgeDirOf(env: NodeJS.ProcessEnv, override?: string): string {
  return override ?? (env.KNOWLEDGE_DIR || defaultKnowledgeDir);
}

/** The repository's data/ folder (git-ignored), where the question log and the knowledge cache go by default. */
export const defaultDataDir = join(packageRoot, 'data');

/** The data folder: `DATA_DIR`, else the repository's data/. */
export const dataDirOf = (env: { DATA_DIR?: string | undefined }): string => (env.DATA_DIR ? resolve(env.DATA_DIR) : defaultDataDir);

/**
 * The folder for the knowledge cache (the validated knowledge and its search
 * index, which spare a start reading YAML and indexing): `KNOWLEDGE_CACHE_DIR`,
 * else `cache/` in the data folder; `KNOWLEDGE_CACHE_DIR=off` for none.
 */
export function knowledgeCacheDirOf(env: NodeJS.ProcessEnv): string | undefined {
  const setting = env.KNOWLEDGE_CACHE_DIR?.trim();
  if (setting === 'off') return undefined;
  return setting ? resolve(setting) : join(dataDirOf(env), 'cache');
}

/** Where the evaluation question set lives. */
export const defaultQuestionSetPath = join(packageRoot, 'tests', 'eval', 'questions.yaml');

/** The environment as adapters see it: `.env` (if any) under the real environment, which wins. */
export function readEnvironment(): NodeJS.ProcessEnv {
  loadDotenv({ quiet: true });
  return process.env;
}

/**
 * Parses settings with a zod schema, once, at start-up.
 * @throws {ConfigError} listing every missing or malformed setting by name, never its value.
 */
export function parseSettings<Schema extends z.ZodType>(scope: string, schema: Schema, env: NodeJS.ProcessEnv): z.infer<Schema> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issues: ConfigIssue[] = parsed.error.issues.map((issue) => ({
    setting: issue.path.map(String).join('.') || '(settings)',
    // zod's own messages can echo the received value; ours never do, so secrets stay out of logs.
    message: issue.message,
  }));
  throw new ConfigError(scope, issues);
}

/** One part of the settings and its check, which throws a {@link ConfigError} naming its bad settings. */
export interface SettingsCheck {
  /** What the settings belong to, e.g. `Slack`. */
  scope: string;
  check: (env: NodeJS.ProcessEnv) => unknown;
}

/** "a", "a and b", "a, b and c". */
const listInWords = (items: readonly string[]): string => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * Runs every check, so that one message can name every bad setting at once,
 * whichever part (Slack, Discord, the question log…) each belongs to.
 * @throws {ConfigError} naming every bad setting found by any check, each once
 * (`rtp-bot: the Slack and Discord settings are not usable: …`).
 */
export function checkEverySetting(env: NodeJS.ProcessEnv, checks: readonly SettingsCheck[]): void {
  const scopes: string[] = [];
  const issues: ConfigIssue[] = [];
  for (const { scope, check } of checks) {
    try {
      check(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      scopes.push(scope);
      // A setting several parts read (RATE_LIMIT_PER_MINUTE) is named once.
      for (const issue of error.issues) if (!issues.some((seen) => seen.setting === issue.setting && seen.message === issue.message)) issues.push(issue);
    }
  }
  if (scopes.length > 0) throw new ConfigError(listInWords(scopes), issues);
}

/** Prints an error the way a person should see it: a message, never a stack trace, never a secret. */
export function describeError(error: unknown): string {
  if (error instanceof RtpError) return redactSecrets(error.message);
  return redactSecrets(`rtp-bot: something went wrong (${error instanceof Error ? error.message : String(error)}).`);
}
