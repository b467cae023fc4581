import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../../src/index.js';
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

/** Prints an error the way a person should see it: a message, never a stack trace, never a secret. */
export function describeError(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof (error as { code: unknown }).code === 'string' && error.name !== 'Error') {
    return redactSecrets(error.message);
  }
  return redactSecrets(`rtp-bot: something went wrong (${error instanceof Error ? error.message : String(error)}).`);
}
