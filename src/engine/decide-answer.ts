import type { AnswerType } from '../text/answer-types.js';
import { isNameTerm } from '../text/create-text-processor.js';
import type { Confidence } from '../types.js';
import { featuresOf, gapFeaturesOf, type QuestionSignals } from './decision-features.js';
import { applyCalibration, predictProbability, type DecisionModel } from './decision-model.js';

/** A part of an entry: what names it (its title, aliases), what describes it (its phrasings, tags), or its answer text. */
export type EntryPart = 'name' | 'description' | 'body';

/** Where an entry has one of a question's terms. */
export interface TermMatch {
  term: string;
  /** Its specificity, 0 to 1 (see {@link Candidate.weightedCoverage}). */
  weight: number;
  /** Where the entry has it: in its name (title, aliases), its description (phrasings, tags), its answer text, or nowhere. */
  field: EntryPart | null;
  /** 1 when matched exactly, less as the start of a longer word or through a typo-tolerant match, 0 when not matched. */
  credit: number;
}

/** What the ranking found out about one entry, for one question. */
export interface Candidate {
  id: string;
  /** The search score, lifted by closeness to one of the entry's own phrasings. */
  score: number;
  /** Share of the question's meaningful terms this entry matched (0 to 1). */
  coverage: number;
  /** The question's meaningful terms this entry did not match. */
  unmatched: string[];
  /** The unmatched terms no entry holds at all: words the knowledge base has never heard of. */
  unknown: string[];
  /** How closely the question matches the entry's nearest own phrasing, title or alias (0 to 1). */
  similarity: number;
  /** How closely the question matches the entry's title or nearest alias (0 to 1): 1 when it just names the entry. */
  nameSimilarity: number;
  /**
   * Share of the question's weight this entry matched, each term weighing its
   * specificity (0 to 1): a word few entries use weighs more than one most
   * entries use, and a word no entry uses weighs most.
   */
  weightedCoverage: number;
  /**
   * How much topic the question shares with what the entry is about: the
   * specificity of the terms it matched (one word found in no other entry
   * counts 1, a name of several words too), summed by where the entry has
   * them: in its name (title or aliases), in its description (phrasings or
   * tags), or only in its answer text, where a generic word is not a topic.
   */
  topic: Record<EntryPart, number>;
  /**
   * The search score per question term, in units of what a term that only
   * this entry holds is worth, so that it reads the same whatever the size of
   * the knowledge base. Low when the words only occur in passing.
   */
  strength: number;
  /** Each of the question's terms, in order, and where this entry has it. */
  terms: TermMatch[];
  /**
   * The specificity of a word that only one entry holds, in this knowledge
   * base: the most a known word weighs (less in a small knowledge base).
   */
  uniqueTermWeight: number;
  /**
   * Whether the question asks for a kind of detail ("how much…", "when
   * did…", "who…") and the entry's answer states nothing of that kind, so cannot give it.
   */
  lacksAskedFact: boolean;
  /** How closely the question matches one of the entry's phrasings that asks for the same kind of detail (0 to 1; 0 when it asks for none). */
  kindSimilarity: number;
  /** How closely the question matches the entry's first question (0 to 1), which its yes/no lead answers. */
  firstSimilarity: number;
  /** Whether the question is, word for word (ignoring case and punctuation), one of the entry's phrasings, its title or an alias. */
  verbatim: boolean;
  /** Whether the entry's answer says plainly that the sources do not give the kind of detail the question asks for. */
  statesAskedGap: boolean;
}

/** What the decision needs besides the model: how it offers choices and reads follow-ups; defaults in {@link defaultDecisionSettings}. */
export interface DecisionSettings {
  /**
   * Share of the best score another entry needs to be offered when asking which was meant.
   * @default 0.4
   */
  clarifyShare: number;
  /**
   * Coverage an entry needs to be offered when asking which was meant.
   * @default 0.5
   */
  clarifyCoverage: number;
  /**
   * Coverage an entry around the previous answer's entry (it or one it links to) needs to answer a follow-up.
   * @default 0.5
   */
  followUpCoverage: number;
  /**
   * Strength (see {@link Candidate.strength}) an entry around the previous answer's entry needs to answer a follow-up.
   * @default 5
   */
  followUpStrength: number;
}

/** The defaults of every {@link DecisionSettings} field. */
export const defaultDecisionSettings: Readonly<DecisionSettings> = Object.freeze({ clarifyShare: 0.4, clarifyCoverage: 0.5, followUpCoverage: 0.5, followUpStrength: 5 });

/**
 * What to do with a question: answer with an entry, ask which of a few entries
 * was meant, or decline (offering the closest entries, if any). `score` is the
 * best candidate's, for logs (`null` when nothing matched); `probability` the
 * model's estimate that the answer (or, for a clarification, one of the
 * choices) is right; `reason` says in a few words what decided it.
 */
export type Decision =
  | {
      outcome: 'answer';
      id: string;
      confidence: Confidence;
      score: number;
      probability: number | null;
      reason: string;
      /** The kind of fact the question asks for that the entry does not state: the answer says so first. */
      gap: AnswerType | null;
      /** Set when the question asks about the documents behind the entry, not its facts: the answer lists them. */
      about?: 'sources';
      /** Whether the answer opens with the entry's yes/no lead: the question asks yes or no, and matches the entry's first question closely. */
      lead: boolean;
      /** Set when the question was read as a follow-up, against the previous answer's entry. */
      followUp?: true;
    }
  | {
      /** Two entries side by side, for a question about two things ("X vs Y"): each answers one side. */
      outcome: 'compare';
      ids: [string, string];
      confidence: Confidence;
      score: number;
      probability: number | null;
      reason: string;
    }
  | { outcome: 'clarify'; ids: string[]; score: number; probability: number | null; reason: string }
  | { outcome: 'decline'; closeIds: string[]; score: number | null; probability: number | null; reason: string };

/** The kind of detail an answer with this entry should say its sources don't give, by the honest-gap model; `null` for none. */
export function gapOf(best: Candidate, signals: QuestionSignals, model: DecisionModel): AnswerType | null {
  // An answer whose own text says the sources lack the detail is an honest partial answer already.
  if (best.statesAskedGap) return signals.asked;
  const features = gapFeaturesOf(best, signals);
  if (features === null) return null;
  return predictProbability(model.gap, features) >= model.thresholds.gap ? signals.asked : null;
}

/** Phrasing similarity at which a question counts as one of the entry's own phrasings. */
export const exactPhrasing = 0.99;

/** How close a yes/no question must be to an entry's first question for the entry's yes/no lead to answer it. */
export const leadSimilarity = 0.5;

/** Whether an answer with this entry opens with its yes/no lead: only for a yes/no question close to the one the lead answers. */
const leadsWith = (best: Candidate, signals: QuestionSignals): boolean => signals.yesNo && best.firstSimilarity >= leadSimilarity;

/** A probability as reasons show it. */
const shown = (p: number): string => p.toFixed(2);

/** The confidence words for a probability that the answer is right. */
export function confidenceOf(probability: number, model: DecisionModel): Confidence {
  return probability >= model.thresholds.high ? 'high' : probability >= model.thresholds.medium ? 'medium' : 'low';
}

/** The entries a clarification offers: those close enough to the best, covering enough of the question, at most three. */
export function clarifyChoices(candidates: readonly Candidate[], settings: DecisionSettings = defaultDecisionSettings): string[] {
  const [best] = candidates;
  if (!best) return [];
  return candidates
    .filter((candidate) => candidate.score >= settings.clarifyShare * best.score && candidate.coverage >= settings.clarifyCoverage)
    .slice(0, 3)
    .map((candidate) => candidate.id);
}

/** The two probabilities the model gives a ranking: that its best entry answers the question, and that one of its best three does. */
export function probabilitiesOf(candidates: readonly Candidate[], signals: QuestionSignals, model: DecisionModel): { top: number; topThree: number } | null {
  const features = featuresOf(candidates, signals);
  if (features === null) return null;
  const top = applyCalibration(model.calibrate, predictProbability(model.top, features));
  // One of three is right at least as often as the first is.
  return { top, topThree: Math.max(top, predictProbability(model.topThree, features)) };
}

/**
 * Decides between answering with the best entry, asking which of a few
 * entries was meant (`clarify`), and declining, from the ranked candidates:
 *
 * - **decline** when nothing matched, or when the question names something
 *   no entry covers (a right, "right to buy", or a phrase from the synonym
 *   table, "near me"): it is about something else that merely shares words
 *   with the knowledge;
 * - otherwise the model gives the probability that the best entry answers
 *   the question, and that one of the best three does: **answer** when the
 *   first reaches `thresholds.answer`, **clarify** (offering
 *   {@link clarifyChoices}) when the second reaches `thresholds.clarify`,
 *   else **decline**.
 *
 * An answer to a question asking for a kind of fact its entry does not state
 * carries that kind as its `gap`, so that the answer says so first.
 */
export function decideAnswer(candidates: readonly Candidate[], signals: QuestionSignals, model: DecisionModel, settings: DecisionSettings = defaultDecisionSettings): Decision {
  const [best] = candidates;
  if (!best) return { outcome: 'decline', closeIds: [], score: null, probability: null, reason: 'decline: no entry matched any word of it' };
  const closeIds = candidates.slice(0, 3).map((candidate) => candidate.id);
  // A name no entry mentions (a right, "right to buy", or a phrase from the
  // synonym table, "near me") means the question is about something else
  // that merely shares words with the knowledge.
  const unknownName = best.unknown.find(isNameTerm);
  if (unknownName !== undefined) return { outcome: 'decline', closeIds, score: best.score, probability: null, reason: `decline: it names "${unknownName}", which no entry covers` };
  // The bot reports what its sources say; it drafts nothing and has no opinions.
  if (signals.asksAction) return { outcome: 'decline', closeIds, score: best.score, probability: null, reason: 'decline: it asks for an action or an opinion' };
  const { top, topThree } = probabilitiesOf(candidates, signals, model)!;
  const { answer, clarify } = model.thresholds;
  // Asking, word for word, one of an entry's own phrasings, its title or an alias is as sure as keyword search gets:
  // the evaluation questions never copy a phrasing, so the model cannot learn it. The entry was written to answer
  // that very question (kb check holds it to that), so it lacks the detail asked for only where it says so.
  const own = candidates.find((candidate) => candidate.verbatim);
  if (own) {
    return {
      outcome: 'answer',
      id: own.id,
      confidence: 'high',
      score: own.score,
      probability: Math.max(top, model.thresholds.high),
      reason: "answer: it is one of the entry's own phrasings",
      gap: own.statesAskedGap ? signals.asked : null,
      lead: leadsWith(own, signals),
    };
  }
  if (top >= answer) {
    return {
      outcome: 'answer',
      id: best.id,
      confidence: confidenceOf(top, model),
      score: best.score,
      probability: top,
      reason: `answer: p=${shown(top)} ≥ ${shown(answer)}`,
      gap: gapOf(best, signals, model),
      lead: leadsWith(best, signals),
    };
  }
  const ids = clarifyChoices(candidates, settings);
  // Every word of the question in what the best entries are about (their names, phrasings or tags) is
  // something the knowledge covers: asking which was meant says more than declining it.
  const covered = best.coverage >= 1 && best.terms.every((term) => term.field === 'name' || term.field === 'description');
  if ((topThree >= clarify || covered) && ids.length > 0) {
    const why =
      topThree >= clarify
        ? `one of the best three p=${shown(topThree)} ≥ ${shown(clarify)}`
        : `every word of it is in what these entries are about (best three p=${shown(topThree)})`;
    return { outcome: 'clarify', ids, score: best.score, probability: topThree, reason: `clarify: p=${shown(top)} < ${shown(answer)}, ${why}` };
  }
  return {
    outcome: 'decline',
    closeIds,
    score: best.score,
    probability: topThree,
    reason: `decline: p=${shown(top)} < ${shown(answer)}, one of the best three p=${shown(topThree)} < ${shown(clarify)}`,
  };
}

/** How much a follow-up favours the entries of the conversation over the rest, and the previous entry among them. */
const contextPreference = 2;

/**
 * Decides a follow-up, read against the previous answer's entry: among that
 * entry and its related entries (`aroundPrevious`, ranked for the
 * question), which count double against the rest, the previous entry double
 * again. A question that stands on its own (answered, and pointing back at
 * nothing) keeps its own decision, and so does one the previous answer does not help
 * with: then this returns `null`. A question that points back ("who ran it?")
 * but has no answer of its own and matches nothing around the previous entry is about
 * the previous entry itself.
 */
export function decideFollowUp(
  standalone: Decision,
  standaloneBest: Candidate | undefined,
  aroundPrevious: readonly Candidate[],
  previous: string,
  pointsBack: boolean,
  signals: QuestionSignals & { carriesOn?: boolean },
  model: DecisionModel,
  settings: DecisionSettings = defaultDecisionSettings,
): Decision | null {
  if (standalone.outcome === 'answer' && !pointsBack) return null;
  const weight = (candidate: Candidate): number => candidate.score * (candidate.id === previous ? contextPreference : 1);
  // A question that names a related entry's subject ("what did he say about
  // out-of-hours services?") is about that entry; otherwise one that points
  // back ("what metaphor did he use?") is about the previous entry: it goes
  // first among those that match as much of the question, however briefly it
  // mentions the words.
  const referent = (candidate: Candidate): number => (pointsBack && candidate.id === previous ? 1 : 0);
  const plausible = aroundPrevious
    .filter((candidate) => candidate.coverage >= settings.followUpCoverage && (candidate.strength >= settings.followUpStrength || referent(candidate) === 1))
    .sort((a, b) => b.coverage - a.coverage || b.topic.name - a.topic.name || referent(b) - referent(a) || weight(b) - weight(a));
  const [best] = plausible;
  const answerWith = (candidate: Candidate | undefined, id: string, why: string): Decision => {
    const probability = candidate ? (probabilitiesOf([candidate, ...aroundPrevious.filter((other) => other !== candidate)], signals, model)?.top ?? null) : null;
    return {
      outcome: 'answer',
      id,
      // Read against the conversation, an answer is never surer than medium.
      confidence: candidate && candidate.coverage >= 1 ? 'medium' : 'low',
      score: candidate?.score ?? 0,
      probability,
      reason: `answer in the context of "${previous}": ${why}`,
      followUp: true,
      gap: candidate ? gapOf(candidate, signals, model) : null,
      lead: candidate ? leadsWith(candidate, signals) : false,
    };
  };
  if (best) {
    // A question that found more of itself elsewhere, or found it much more strongly, is about something else.
    if (standaloneBest && standaloneBest.id !== best.id) {
      const elsewhere =
        standaloneBest.coverage > best.coverage ||
        (standalone.outcome === 'answer' && standaloneBest.coverage === best.coverage && standaloneBest.score > contextPreference * best.score);
      if (elsewhere) return null;
    }
    return answerWith(best, best.id, best.id === previous ? 'it points back at that entry' : 'it matches an entry that one links to');
  }
  // A follow-up that carries on with a subject of its own ("and what about nurses?"), found whole in what
  // another entry is about, is asked about that entry, however short it is.
  const namesSubject = (candidate: Candidate): boolean => candidate.coverage >= 1 && candidate.terms.some((term) => term.field === 'name' || term.field === 'description');
  if (signals.carriesOn && standaloneBest && standalone.outcome !== 'answer' && namesSubject(standaloneBest)) {
    return {
      outcome: 'answer',
      id: standaloneBest.id,
      confidence: 'low',
      score: standaloneBest.score,
      probability: standalone.probability,
      reason: `answer: a follow-up to "${previous}" that names a subject of its own`,
      gap: gapOf(standaloneBest, signals, model),
      lead: leadsWith(standaloneBest, signals),
    };
  }
  // A question that points back and has no answer of its own ("who ran it?", "what date was it?") is about the previous entry itself.
  if (!pointsBack || standalone.outcome === 'answer') return null;
  return answerWith(
    aroundPrevious.find((candidate) => candidate.id === previous),
    previous,
    'it points back and matches nothing else',
  );
}
