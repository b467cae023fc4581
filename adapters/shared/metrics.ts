import type { Registry } from 'prom-client';
import { overrideAnswerer, type Answerer, type QuestionLog, type QuestionLogBuffer } from '../../src/index.js';
import { platformOfAskerKey, type AskerLimiter } from './rate-limit.js';

/**
 * The bot's Prometheus metrics, served at `/metrics`. They are taken where
 * `npm start` hands things to the platforms (the question log, the answerer,
 * the rate limiter), so no adapter carries metric code. Labels are only ever
 * a platform, a status, a confidence, a vote or a reload result: never a
 * question, a user id or a secret.
 */
export interface BotMetrics {
  /** The registry: `rtp_*` metrics and Node's default process metrics. */
  registry: Registry;
  /** Counts each answer recorded (`rtp_questions_total`) and each rating (`rtp_feedback_total`). */
  observeQuestionLog(log: QuestionLog): QuestionLog;
  /** Times each answer (`rtp_answer_seconds`). */
  observeAnswerer(getAnswerer: () => Answerer): () => Answerer;
  /** Counts each question refused by the limit (`rtp_rate_limited_total`). */
  observeLimiter(limiter: AskerLimiter): AskerLimiter;
  /** Counts a knowledge reload (`rtp_knowledge_reloads_total`): `success`, or `failure` when the new files were invalid. */
  countReload(result: 'success' | 'failure'): void;
}

/** Answer times are milliseconds; the buckets reach a second for a machine under load. */
const answerBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * Creates the metrics. `knowledgeEntries` is read at each scrape for
 * `rtp_knowledge_entries`, and the question log's buffer for
 * `rtp_question_log_pending` and `rtp_question_log_dropped_total`;
 * `platforms` are given zero counts from the start, so dashboards see every
 * series before its first event.
 */
export async function createBotMetrics(knowledgeEntries: () => number, platforms: readonly string[], questionLogBuffer?: QuestionLogBuffer): Promise<BotMetrics> {
  // Loaded only with HEALTH_PORT set: a bot nobody scrapes never pays for it.
  const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = await import('prom-client');
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const questions = new Counter({
    name: 'rtp_questions_total',
    help: 'Questions answered, by platform, answer status and confidence ("none" when there is none).',
    labelNames: ['platform', 'status', 'confidence'] as const,
    registers: [registry],
  });
  const answerSeconds = new Histogram({
    name: 'rtp_answer_seconds',
    help: 'Time to answer one question (search and ranking), in seconds.',
    buckets: answerBuckets,
    registers: [registry],
  });
  const feedback = new Counter({
    name: 'rtp_feedback_total',
    help: 'Ratings of answers, by platform and vote (up or down).',
    labelNames: ['platform', 'vote'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'rtp_rate_limited_total',
    help: 'Questions refused because the user was over RATE_LIMIT_PER_MINUTE, by platform.',
    labelNames: ['platform'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'rtp_knowledge_entries',
    help: 'Entries in the knowledge base answering now.',
    registers: [registry],
    collect() {
      this.set(knowledgeEntries());
    },
  });
  if (questionLogBuffer) {
    new Gauge({
      name: 'rtp_question_log_pending',
      help: 'Question log records waiting to be written (they wait while the disk or PostgreSQL fails).',
      registers: [registry],
      collect() {
        this.set(questionLogBuffer.pending);
      },
    });
    new Counter({
      name: 'rtp_question_log_dropped_total',
      help: 'Question log records dropped because too many were waiting while the disk or PostgreSQL failed (or PostgreSQL refused one).',
      registers: [registry],
      collect() {
        // The log counts them itself (it runs before the metrics exist); the counter shows its count.
        this.reset();
        this.inc(questionLogBuffer.dropped);
      },
    });
  }
  const reloads = new Counter({
    name: 'rtp_knowledge_reloads_total',
    help: 'Knowledge reloads after an edit, by result: success, or failure (invalid files; the previous knowledge kept answering).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  for (const result of ['success', 'failure']) reloads.inc({ result }, 0);
  for (const platform of platforms) {
    rateLimited.inc({ platform }, 0);
    for (const vote of ['up', 'down']) feedback.inc({ platform, vote }, 0);
  }

  // One timed wrapper per answerer: a reload swaps in a new one.
  const timed = new WeakMap<Answerer, Answerer>();
  return {
    registry,
    observeQuestionLog: (log) => ({
      ...log,
      recordAnswer(platform, answer, asker, context) {
        questions.inc({ platform, status: answer.status, confidence: answer.confidence ?? 'none' });
        return log.recordAnswer(platform, answer, asker, context);
      },
      recordFeedback(platform, answerId, entryId, rating, asker) {
        feedback.inc({ platform, vote: rating });
        log.recordFeedback(platform, answerId, entryId, rating, asker);
      },
    }),
    observeAnswerer: (getAnswerer) => () => {
      const answerer = getAnswerer();
      let wrapped = timed.get(answerer);
      if (!wrapped) {
        wrapped = overrideAnswerer(answerer, {
          ask(question, options) {
            const stopTimer = answerSeconds.startTimer();
            try {
              return answerer.ask(question, options);
            } finally {
              stopTimer();
            }
          },
        });
        timed.set(answerer, wrapped);
      }
      return wrapped;
    },
    observeLimiter: (limiter) => ({
      async take(key) {
        const decision = await limiter.take(key);
        if (!decision.allowed) rateLimited.inc({ platform: platformOfAskerKey(key) });
        return decision;
      },
    }),
    countReload: (result) => reloads.inc({ result }),
  };
}
