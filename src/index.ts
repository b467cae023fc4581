/**
 * rtp-bot's core: knowledge loading, search and answering. Adapters import
 * only this module.
 * @packageDocumentation
 */
export type {
  Answer,
  AnsweredAnswer,
  ClarifyAnswer,
  NoMatchAnswer,
  SmallTalkAnswer,
  InvalidAnswer,
  AnswerGap,
  AnswerKind,
  AnswerPart,
  AnswerSource,
  AnswerStatus,
  AskOptions,
  Confidence,
  Entry,
  EntryLink,
  KnowledgeBase,
  Source,
  SourcePart,
  SynonymGroup,
} from './types.js';
export { RtpError, KnowledgeError, ConfigError, UnreachableError, formatKnowledgeIssue, type KnowledgeIssue, type ConfigIssue } from './errors.js';
export { normaliseQuestionKey } from './text/question-key.js';
export { loadKnowledge, readKnowledge, knowledgeLayout, defaultReviewEveryDays, displayPath, type KnowledgeReport } from './knowledge/load-knowledge.js';
export { ownerProblem } from './knowledge/schema.js';
export { createTextProcessor, type TextProcessor } from './text/create-text-processor.js';
export { createAnswerer, overrideAnswerer, defaultAskOptions, buildIndex, fieldBoosts, fuzzyFor, type Answerer, type RankedEntry } from './engine/create-answerer.js';
export { checkQuestion, isHelpRequest } from './engine/check-question.js';
export { previousAfter } from './engine/compose-answer.js';
export { evalSplitsIn, defaultEvalDir, looksHeldOut, type EvalSplit } from './eval/eval-splits.js';
export {
  readQuestionSet,
  evaluateCases,
  runAnswerer,
  outcomeOfAnswer,
  runCase,
  findUnknownEntries,
  findHeldOutLeaks,
  expectedIds,
  describeExpectation,
  describeOutcome,
  isRightOutcome,
  type EvalCase,
  type EvalExpectation,
  type EvalOutcome,
  type EvalRunner,
  type EvalReport,
  type EvalCounts,
  type EvalMiss,
  type ShapeFigures,
} from './eval/evaluate.js';
export {
  createMemoryQuestionLog,
  createRecordMaker,
  recordInto,
  hashAsker,
  originFields,
  answerFields,
  vias,
  type RecordMaker,
  type RecordMakerOptions,
  type Via,
  type QuestionOrigin,
  type QuestionLog,
  type QuestionRecord,
  type FeedbackRecord,
  type LogRecord,
  type Platform,
  type AskerRef,
} from './question-log/question-log.js';
export { lintKnowledge, checkKnowledge, defaultLintOptions, type LintOptions, type KnowledgeCheck } from './maintenance/lint-knowledge.js';
export { verifyKnowledge, readCopyIndex, defaultVerifyOptions, type VerifyOptions, type VerifyCounts, type KnowledgeVerification } from './maintenance/verify-knowledge.js';
export type { CopyIndex, CopiedRun } from './maintenance/copied-text.js';
export {
  suggestPhrasings,
  defaultSuggestOptions,
  type PhrasingSuggestion,
  type PhrasingEvidence,
  type HeldBackPhrasing,
  type HoldBackReason,
  type MisunderstoodAnswer,
  type SuggestionReport,
  type SuggestOptions,
} from './maintenance/suggest-phrasings.js';
export {
  appendPhrasings,
  addPhrasings,
  vetPhrasings,
  PhrasingEditError,
  type PhrasingAddition,
  type RefusedPhrasing,
  type VetPhrasingOptions,
} from './maintenance/add-phrasings.js';
export {
  buildReportData,
  countEntriesPerSource,
  type ReportData,
  type ReportOptions,
  type DayOutcomes,
  type WeekRate,
  type AskedGroup,
  type EntryUse,
} from './maintenance/report-data.js';
export { reviewEntries, listStaleEntries, describeReview, isoDay, type EntryReview, type ReviewOptions } from './maintenance/review-entries.js';
export type { KnowledgeLocator } from './knowledge/load-knowledge.js';
export { createLiveAnswerer, defaultLiveAnswererOptions, type LiveAnswerer, type LiveAnswererOptions, type ReloadResult } from './engine/create-live-answerer.js';
export {
  createJsonlQuestionLog,
  defaultJsonlQuestionLogOptions,
  defaultQuestionLogRetentionDays,
  type JsonlQuestionLogOptions,
  type QuestionLogBuffer,
} from './question-log/jsonl-question-log.js';
export {
  readQuestionLog,
  readQuestionLogFiles,
  parseLogRecord,
  listQuestionLogFiles,
  findExpiredQuestionLogFiles,
  questionLogFileOf,
  legacyQuestionLogFile,
  type CorruptLogLine,
  type QuestionLogFile,
  type StoredQuestionLog,
} from './question-log/read-question-log.js';
export { latestRatings, summariseGaps, type QuestionGap, type DownvotedEntry, type GapReport, type GapOptions } from './question-log/summarise-gaps.js';
export {
  createRateLimiter,
  defaultRateLimitOptions,
  formatRateLimitMessage,
  type RateLimiter,
  type RateLimitOptions,
  type RateLimitDecision,
} from './rate-limit/create-rate-limiter.js';
export { makeDirectory } from './make-directory.js';
export { loadKnowledgeCached, hashKnowledgeFiles, type KnowledgeCacheReport } from './knowledge/knowledge-cache.js';
export type { AnswererSetup } from './engine/create-answerer.js';
export { defaultDecisionModel } from './engine/create-answerer.js';
export { untrainedDecisionModel, type DecisionModel, type CalibrationBand, type LogisticModel } from './engine/decision-model.js';
export { decisionFeatures, gapFeatures } from './engine/decision-features.js';
export {
  decisionRowsOf,
  trainDecisionModel,
  tallyDecisions,
  calibrationOf,
  foldOf,
  defaultTrainingOptions,
  type DecisionRow,
  type DecisionTally,
  type TrainingResult,
  type TrainingOptions,
  type QuestionAnalysis,
} from './maintenance/train-decision.js';
