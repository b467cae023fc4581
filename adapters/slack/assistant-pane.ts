import { createExpiringMap } from '../shared/expiring-map.js';
import type { LogLine } from '../shared/platform.js';
import { summariseForLog } from './log.js';

/** What the bot keeps of one thread in Slack's assistant pane. */
export interface PaneThread {
  /** Whether the pane last reported a channel the person was viewing. Only that: the channel id is never kept. */
  channelContext: boolean;
  /** Whether the thread has been given its title (from its first question). */
  titled: boolean;
}

/**
 * The assistant pane's state in this process: which threads were opened in
 * it, what they reported, and which of its API calls have failed.
 */
export interface AssistantPane {
  /** Notes a thread opened in the pane, or a change of what the person is viewing beside it. */
  noteContext(thread: string, channelContext: boolean): void;
  /** A thread this process saw open (or change context), or `undefined`. */
  thread(thread: string): PaneThread | undefined;
  /**
   * Claims the thread's title: `true` the first time (the caller sets it),
   * `false` once it has one.
   */
  claimTitle(thread: string): boolean;
  /**
   * Calls one of the pane's Web API methods (`method` names it for the log).
   * The pane's extras (status, title, suggested prompts) are a nicety: a
   * failure, say on a workspace without the feature, is logged once per method
   * and error and never stops the answer. Never rejects.
   */
  attempt(method: string, call: () => Promise<unknown>): Promise<void>;
}

/** Options for {@link createAssistantPane}. Every one has a default in `defaultAssistantPaneOptions`. */
export interface AssistantPaneOptions {
  /**
   * How long a thread is remembered after it was opened or last changed, in
   * milliseconds. People come back to a pane thread later, from its history.
   * @default 86400000 (a day)
   */
  ttlMs: number;
  /**
   * Most threads remembered at once; past it the one touched longest ago is forgotten first.
   * @default 10000
   */
  maxThreads: number;
  /**
   * The clock, in milliseconds.
   * @default () => performance.now()
   */
  now: () => number;
}

/** The defaults of every {@link AssistantPaneOptions} field. */
export const defaultAssistantPaneOptions: Readonly<AssistantPaneOptions> = Object.freeze({
  ttlMs: 24 * 60 * 60_000,
  maxThreads: 10_000,
  now: () => performance.now(),
});

/** Slack's error code of a failed Web API call (`not_allowed_token_type`…), or the error's name. */
const errorCodeOf = (error: unknown): string => {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : error instanceof Error ? error.name : 'unknown';
};

/**
 * The assistant pane's state, in memory: bounded in time and size. With
 * several replicas a thread opened on one is unknown to another, which then
 * still answers (see `isPaneMessage`), only without the context flag.
 */
export function createAssistantPane(log: LogLine, options: Partial<AssistantPaneOptions> = {}): AssistantPane {
  const { ttlMs, maxThreads, now } = { ...defaultAssistantPaneOptions, ...options };
  const threads = createExpiringMap<PaneThread>({ ttlMs, maxSize: maxThreads, now });
  const failuresLogged = new Set<string>();
  return {
    noteContext(thread, channelContext) {
      threads.set(thread, { channelContext, titled: threads.get(thread)?.titled ?? false });
    },
    thread: (thread) => threads.get(thread),
    claimTitle(thread) {
      const known = threads.get(thread);
      if (known?.titled) return false;
      threads.set(thread, { channelContext: known?.channelContext ?? false, titled: true });
      return true;
    },
    async attempt(method, call) {
      try {
        await call();
      } catch (error) {
        const failure = `${method}:${errorCodeOf(error)}`;
        if (failuresLogged.has(failure)) return;
        failuresLogged.add(failure);
        log(
          'warn',
          `slack: ${method} failed (${summariseForLog(error)}); answering without it. Is the assistant pane on for this app ` +
            '("Agents & AI Apps", the assistant:write scope, a paid plan)? This failure is logged once.',
        );
      }
    },
  };
}
