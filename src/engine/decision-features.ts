import { answerTypes, type AnswerType } from '../text/answer-types.js';
import { isNameTerm } from '../text/create-text-processor.js';
import type { Candidate } from './decide-answer.js';

/** What the decision knows about a question beyond its ranking: what it asks for, read from its words. */
export interface QuestionSignals {
  /** The kind of detail it asks for (an amount, a date, a name…: see src/text/answer-types.ts), or `null`. */
  asked: AnswerType | null;
  /** It insists on the detail: "exactly", "the exact date", "specifically". */
  exactly: boolean;
  /** It asks the bot to do something or to give an opinion ("can you draft…", "should we…"). */
  asksAction: boolean;
  /** It asks yes or no ("did…", "is it…"). */
  yesNo: boolean;
}

/**
 * The features the decision model reads, in order. Each is worked out from
 * the ranked candidates ({@link featuresOf}); scale-free where it can be, so
 * that it reads the same whatever the size of the knowledge base.
 */
export const decisionFeatures = [
  // How much of the question the best entry matched: share of terms, and share of their weight (rare words weigh more).
  'coverage',
  'weightedCoverage',
  // How strongly, per term, in units of a word only one entry holds (log).
  'strength',
  // Where the entry holds the matched words: in its name, its description, or only its text.
  'topicName',
  'topicDescription',
  'topicBody',
  // How close the question is to one of the entry's own phrasings, and to its title or an alias.
  'similarity',
  'nameSimilarity',
  // The best entry's lead over the runner-up (log of the score ratio), and the third one's share of the best score.
  'margin',
  'thirdShare',
  // The runner-up's coverage: two entries that both match it all leave it open.
  'runnerUpCoverage',
  // How many terms the question has (log), whether it is a single one, and whether that one is a specific word in the entry's name.
  'terms',
  'singleTerm',
  'soleNamed',
  // The weight of the question's words the best entry lacks, whether it lacks a third or more of them, and whether
  // it then also lacks a word no entry holds (an aspect the knowledge has never heard of: "visiting hours").
  'uncoveredWeight',
  'mostlyUncovered',
  'uncoveredUnknown',
  // Unmatched words no entry holds: the question is about something else; and names (phrases of the synonym table) other entries hold but not this one.
  'unknownTerms',
  'unmatchedNames',
  // It asks for a kind of fact, and the best entry states none of that kind.
  'asksFact',
  'lacksAskedFact',
  // It asks for an action or an opinion.
  'asksAction',
  // The verdict of the hand-set rule this model replaced (see handRuleVerdict): its thresholds, chosen on
  // the earlier questions, say in one number how the other features combine.
  'handRule',
] as const;

/** The name of one decision feature. */
export type DecisionFeature = (typeof decisionFeatures)[number];

/** The largest margin counted: a lead of e³ ≈ 20× is as clear as any. */
const maxMargin = 3;

/** The features of a question's ranking for the decision model, in {@link decisionFeatures} order; `null` when nothing matched. */
export function featuresOf(candidates: readonly Candidate[], signals: QuestionSignals): number[] | null {
  const [best, runnerUp, third] = candidates;
  if (!best) return null;
  const values: Record<DecisionFeature, number> = {
    coverage: best.coverage,
    weightedCoverage: best.weightedCoverage,
    strength: Math.log1p(Math.max(0, best.strength)),
    topicName: best.topic.name,
    topicDescription: best.topic.description,
    topicBody: best.topic.body,
    similarity: best.similarity,
    nameSimilarity: best.nameSimilarity,
    margin: runnerUp && runnerUp.score > 0 ? Math.min(maxMargin, Math.log(best.score / runnerUp.score)) : maxMargin,
    thirdShare: third && best.score > 0 ? third.score / best.score : 0,
    runnerUpCoverage: runnerUp?.coverage ?? 0,
    terms: Math.log1p(best.terms.length),
    singleTerm: best.terms.length === 1 ? 1 : 0,
    soleNamed: best.terms.length === 1 && best.terms[0]!.field === 'name' && best.terms[0]!.weight >= best.uniqueTermWeight - 1e-9 ? 1 : 0,
    uncoveredWeight: best.terms.reduce((sum, term) => sum + term.weight * (1 - term.credit), 0),
    mostlyUncovered: best.coverage < 0.65 ? 1 : 0,
    uncoveredUnknown: best.coverage < 0.65 && best.unknown.length > 0 ? 1 : 0,
    unknownTerms: best.unknown.length,
    unmatchedNames: best.unmatched.filter(isNameTerm).length,
    asksFact: signals.asked !== null ? 1 : 0,
    lacksAskedFact: best.lacksAskedFact ? 1 : 0,
    asksAction: signals.asksAction ? 1 : 0,
    handRule: handRuleVerdict(candidates),
  };
  return decisionFeatures.map((name) => values[name]);
}

/**
 * The features of the honest-gap model, in order: whether an answer with an
 * entry should first say that the sources don't give the kind of detail the
 * question asks for. Which kind it asks for, whether the entry states
 * anything of that kind, whether one of its phrasings asks for it, and how
 * much of the question the entry covers.
 */
export const gapFeatures = [
  ...answerTypes.map((type) => `asks:${type}`),
  'states',
  'kindSimilarity',
  'similarity',
  'nameSimilarity',
  'coverage',
  'weightedCoverage',
  'unmatched',
  'unknownTerms',
  'exactly',
] as const;

/** The honest-gap features of an answer with `best`, in {@link gapFeatures} order; `null` when the question asks for no kind of detail. */
export function gapFeaturesOf(best: Candidate, signals: QuestionSignals): number[] | null {
  const { asked } = signals;
  if (asked === null) return null;
  return [
    ...answerTypes.map((type) => (type === asked ? 1 : 0)),
    best.lacksAskedFact ? 0 : 1,
    best.kindSimilarity,
    best.similarity,
    best.nameSimilarity,
    best.coverage,
    best.weightedCoverage,
    best.unmatched.length,
    best.unknown.length,
    signals.exactly ? 1 : 0,
  ];
}

/**
 * The verdict of the hand-set rule that came before the model, as a number:
 * 1 answer, 0.5 ask which was meant, 0 decline. It answered when the best
 * entry covered at least 65% of the question's terms with a strength of 5 or
 * more, at least 40% of its weight, a topic of 0.3 (its name counting fully,
 * its description 0.6, its text 0.3) and a lead of 1.3× over the runner-up,
 * or when the question was one of its phrasings; never on one generic word.
 */
export function handRuleVerdict(candidates: readonly Candidate[]): number {
  const [best, runnerUp] = candidates;
  if (!best || best.unmatched.some(isNameTerm) || best.coverage < 0.65 || best.strength < 5) return 0;
  const topic = best.topic.name + 0.6 * best.topic.description + 0.3 * best.topic.body;
  const margin = runnerUp && runnerUp.score > 0 ? best.score / runnerUp.score : Infinity;
  const ownPhrasing = best.similarity >= 0.99;
  const [sole] = best.terms;
  const thin = best.terms.length === 1 && best.nameSimilarity < 0.99 && topic < 0.75 * best.uniqueTermWeight && (sole?.weight ?? 0) < best.uniqueTermWeight - 1e-9;
  return !thin && (ownPhrasing || (best.weightedCoverage >= 0.4 && topic >= 0.3 && margin >= 1.3)) ? 1 : 0.5;
}
