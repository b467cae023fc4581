/**
 * The base class of every error rtp-bot throws on purpose. Errors are only
 * thrown for faults in configuration or knowledge; a question the bot cannot
 * answer is a normal {@link Answer}, never an error.
 */
export class RtpError extends Error {
  /** A stable, machine-readable code, e.g. `KNOWLEDGE_INVALID`. */
  readonly code: string;

  /** @param options.cause The error behind this one (a network error, say), kept for logs and debuggers. */
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Thrown when a service rtp-bot needs cannot be reached or refuses to serve:
 * the question log's database (`QUESTION_LOG_UNREACHABLE`), Redis
 * (`REDIS_UNREACHABLE`), Slack or Discord at start-up (`SLACK_START_FAILED`,
 * `DISCORD_START_FAILED`). The message names the setting to check; `cause` is
 * the error the service or the network gave.
 */
export class UnreachableError extends RtpError {}

/** One problem found in a knowledge file, pointing at the file and line. */
export interface KnowledgeIssue {
  /** Path of the file, relative to the working directory where possible. */
  file: string;
  /** 1-based line number, or 1 when the problem concerns the whole file. */
  line: number;
  /** What is wrong and how to fix it, naming the field. */
  message: string;
  /** `error` stops the knowledge from loading; `warning` does not. */
  level: 'error' | 'warning';
}

/**
 * Formats an issue as `file:line: message`, the form editors can jump to, or
 * with `withLevel` as `file:line: level: message` (as `kb check` prints it).
 */
export function formatKnowledgeIssue(issue: KnowledgeIssue, { withLevel = false }: { withLevel?: boolean } = {}): string {
  return `${issue.file}:${issue.line}: ${withLevel ? `${issue.level}: ` : ''}${issue.message}`;
}

/** Thrown when the knowledge files are invalid. Carries every problem at once. */
export class KnowledgeError extends RtpError {
  readonly issues: KnowledgeIssue[];

  constructor(issues: KnowledgeIssue[]) {
    const count = issues.length;
    super(
      'KNOWLEDGE_INVALID',
      `rtp-bot: the knowledge files have ${count} problem${count === 1 ? '' : 's'}:\n` + issues.map((issue) => `  ${formatKnowledgeIssue(issue)}`).join('\n'),
    );
    this.issues = issues;
  }
}

/** One setting that is missing or wrong. Never holds the setting's value. */
export interface ConfigIssue {
  /** The setting's name, e.g. `SLACK_SIGNING_SECRET`. */
  setting: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** Thrown by an adapter when its configuration is missing or malformed. */
export class ConfigError extends RtpError {
  readonly issues: ConfigIssue[];

  constructor(scope: string, issues: ConfigIssue[]) {
    super('CONFIG_INVALID', `rtp-bot: the ${scope} settings are not usable:\n` + issues.map((issue) => `  ${issue.setting}: ${issue.message}`).join('\n'));
    this.issues = issues;
  }
}
