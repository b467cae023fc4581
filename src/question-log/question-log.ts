import { createHash, randomUUID } from 'node:crypto';
import type { Answer, AnswerStatus, Confidence } from '../types.js';

/** Where a question came from. */
export type Platform = 'cli' | 'slack' | 'discord';

/**
 * How a question came in: a slash command (or the CLI's one-shot and batch
 * modes), an @mention, a direct message, a message shortcut, a message context
 * menu, a new forum post, a button the bot offered, the interactive console, or
 * Slack's assistant pane ("Agents & AI apps").
 */
export type Via = 'command' | 'mention' | 'dm' | 'shortcut' | 'menu' | 'forum' | 'button' | 'console' | 'assistant';

/** Every {@link Via}, for readers that validate log lines. */
export const vias = ['command', 'mention', 'dm', 'shortcut', 'menu', 'forum', 'button', 'console', 'assistant'] as const satisfies readonly Via[];

/** How a question came in, beyond the platform: recorded with its answer. */
export interface QuestionOrigin {
  /** How the question came in. */
  via?: Via;
  /**
   * The `answerId` of the earlier reply this question was chosen from: the
   * person clicked (or, in the console, typed the number of) a suggestion,
   * clarification or related question that reply offered. It links what
   * people typed to the entry they finally chose.
   */
  followedFrom?: string;
  /**
   * Asked in Slack's assistant pane: whether the pane reported a channel the
   * person was viewing. Only that a context was present is kept, never which
   * channel, so the log cannot tell where anyone was.
   */
  channelContext?: boolean;
}

/** One question asked and how it was answered. No user name or id is stored. */
export interface QuestionRecord {
  type: 'question';
  /** ISO 8601 time. */
  time: string;
  platform: Platform;
  /** Links feedback to the answer it rates. */
  answerId: string;
  question: string;
  status: AnswerStatus;
  entryId: string | null;
  score: number | null;
  confidence: Confidence | null;
  /** A one-way hash of the asker, only when hashing is turned on. */
  asker?: string;
  /** How the question came in, when the adapter said. */
  via?: Via;
  /** The `answerId` of the reply whose suggestion, clarification or related question this was. */
  followedFrom?: string;
  /**
   * What decided the answer, in a few words (which check or probability), so a
   * maintainer can see why an edit changed an answer; absent (or null) in
   * records written before the engine gave one.
   */
  reason?: string | null;
  /** The entry the question was read against, when it was asked as a follow-up, so it can be asked again as it was. */
  previous?: string | null;
  /** Asked in Slack's assistant pane: whether it reported a channel the person was viewing (never which). */
  channelContext?: boolean;
}

/** A 👍 or 👎 on an answer. */
export interface FeedbackRecord {
  type: 'feedback';
  time: string;
  platform: Platform;
  answerId: string;
  entryId: string | null;
  rating: 'up' | 'down';
  asker?: string;
}

export type LogRecord = QuestionRecord | FeedbackRecord;

/** Who asked, as the platform names them; only ever stored as a one-way hash, and only when enabled. */
export interface AskerRef {
  /** A platform user id, e.g. a Slack `U123` or a Discord snowflake. */
  userId?: string;
}

/**
 * Records questions and feedback. Recording never throws and never slows an
 * answer: implementations buffer and write in the background.
 */
export interface QuestionLog {
  /** Records an answer given; returns the id that feedback on it should carry. */
  recordAnswer(platform: Platform, answer: Answer, asker?: AskerRef, origin?: QuestionOrigin): string;
  /** Records a rating of an earlier answer. */
  recordFeedback(platform: Platform, answerId: string, entryId: string | null, rating: 'up' | 'down', asker?: AskerRef): void;
  /** Resolves when everything recorded so far is written. */
  flush(): Promise<void>;
  /** Flushes and stops accepting records. */
  close(): Promise<void>;
}

/** The fields of a question record that come from the answer itself (optional ones only when the answer has them). */
export function answerFields(answer: Answer): Pick<QuestionRecord, 'question' | 'status' | 'entryId' | 'score' | 'confidence' | 'reason' | 'previous'> {
  return {
    question: answer.question,
    status: answer.status,
    entryId: answer.entryId,
    score: answer.score,
    confidence: answer.confidence,
    ...(answer.reason ? { reason: answer.reason } : {}),
    ...(answer.previous ? { previous: answer.previous } : {}),
  };
}

/** The optional fields a {@link QuestionOrigin} adds to a question record (absent ones stay absent). */
export function originFields(origin: QuestionOrigin | undefined): Pick<QuestionRecord, 'via' | 'followedFrom' | 'channelContext'> {
  return {
    ...(origin?.via ? { via: origin.via } : {}),
    ...(origin?.followedFrom ? { followedFrom: origin.followedFrom } : {}),
    ...(typeof origin?.channelContext === 'boolean' ? { channelContext: origin.channelContext } : {}),
  };
}

/**
 * A one-way hash of an asker: the same person on the same platform always
 * gets the same hash, and without the salt nobody can tell who it was.
 */
export function hashAsker(salt: string, platform: Platform, userId: string): string {
  return createHash('sha256').update(`${salt}\u0000${platform}\u0000${userId}`).digest('hex');
}

/** Options for {@link createRecordMaker}. */
export interface RecordMakerOptions {
  /** The salt for hashing askers; without it no asker is stored. */
  askerSalt?: string;
  /** The clock, in milliseconds since the epoch, for each record's time. */
  now: () => number;
}

/** Makes the records every {@link QuestionLog} stores, whichever store it writes to. */
export interface RecordMaker {
  question(platform: Platform, answer: Answer, asker?: AskerRef, origin?: QuestionOrigin): QuestionRecord;
  feedback(platform: Platform, answerId: string, entryId: string | null, rating: 'up' | 'down', asker?: AskerRef): FeedbackRecord;
}

/**
 * The one place a question or feedback record is made from what an adapter
 * passes in: a new answer id, the time, the asker hashed only when a salt is
 * given, and how the question came in. Every store (memory, JSON Lines,
 * PostgreSQL) records the same fields in the same order.
 */
export function createRecordMaker({ askerSalt, now }: RecordMakerOptions): RecordMaker {
  const askerOf = (platform: Platform, asker?: AskerRef): { asker?: string } => (askerSalt && asker?.userId ? { asker: hashAsker(askerSalt, platform, asker.userId) } : {});
  const timeNow = (): string => new Date(now()).toISOString();
  return {
    question: (platform, answer, asker, origin) => ({
      type: 'question',
      time: timeNow(),
      platform,
      answerId: randomUUID(),
      ...answerFields(answer),
      ...askerOf(platform, asker),
      ...originFields(origin),
    }),
    feedback: (platform, answerId, entryId, rating, asker) => ({ type: 'feedback', time: timeNow(), platform, answerId, entryId, rating, ...askerOf(platform, asker) }),
  };
}

/**
 * The recording half of a {@link QuestionLog}, for a store that queues: each
 * call makes its record and hands it to `enqueue`, which must not throw or wait.
 */
export function recordInto(make: RecordMaker, enqueue: (record: LogRecord) => void): Pick<QuestionLog, 'recordAnswer' | 'recordFeedback'> {
  return {
    recordAnswer(platform, answer, asker, origin) {
      const record = make.question(platform, answer, asker, origin);
      enqueue(record);
      return record.answerId;
    },
    recordFeedback(platform, answerId, entryId, rating, asker) {
      enqueue(make.feedback(platform, answerId, entryId, rating, asker));
    },
  };
}

/** A log that keeps records in memory: for tests, and the default when no log is configured. It stores no asker. */
export function createMemoryQuestionLog(): QuestionLog & { readonly records: LogRecord[] } {
  const records: LogRecord[] = [];
  return {
    records,
    ...recordInto(createRecordMaker({ now: Date.now }), (record) => records.push(record)),
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
