import { askedAnswerType, type AnswerType } from '../text/answer-types.js';
import { asksAboutSources, asksForAction, asksYesNo, carriesOn, refersBack, splitComparison } from '../text/question-shape.js';
import { decideAnswer, decideFollowUp, defaultDecisionSettings, type Candidate, type Decision, type DecisionSettings } from './decide-answer.js';
import type { QuestionSignals } from './decision-features.js';
import type { DecisionModel } from './decision-model.js';
import type { EntryRanker, MessageMemo } from './rank-entries.js';
import type { MessageReading } from '../text/read-question.js';

/** What deciding a message needs besides its words: its rankings, what a follow-up may be about, and the model. */
export interface DecisionInputs {
  /**
   * The message's rankings, each text ranked once (a `MessageRankings`); with `among`, only among those entry ids.
   * A `MessageRankings` also reads the kind of fact each text asks for once, for ranking and deciding alike.
   */
  rankings: Pick<EntryRanker, 'rank'> & Partial<Pick<MessageMemo, 'askedOf'>>;
  /** For each entry, the entries a follow-up to it may be about: it and its related entries. */
  followUpScopes: ReadonlyMap<string, ReadonlySet<string>>;
  /** The decision model. */
  model: DecisionModel;
  /** How choices are offered and follow-ups read. @default defaultDecisionSettings */
  settings?: DecisionSettings;
}

/** A message's decision, and the entry of a second question in it, to offer beside the answer. */
export interface MessageDecision {
  decision: Decision;
  also: string | null;
}

/**
 * What a question asks for, read from its words: the signals the decision model takes.
 * @param asked The kind of fact it asks for, when already read (see {@link askedAnswerType}).
 */
export function signalsOf(question: string, asked: AnswerType | null = askedAnswerType(question)): QuestionSignals {
  return {
    asked,
    exactly: /\b(?:exact|exactly|precise|precisely|specific|specifically)\b/iu.test(question),
    asksAction: asksForAction(question),
    yesNo: asksYesNo(question),
  };
}

/**
 * Decides a question about two things ("Circle vs Central Surrey Health",
 * "who led each?") side by side: each side, with what the question asks of
 * it, is decided on its own, and when both are answered by different entries
 * the answer covers both. `null` when the question compares nothing, when
 * one entry covers it all (an entry about that very comparison), or when a
 * side cannot be answered.
 */
export function decideComparison(question: string, standalone: Decision, best: Candidate | undefined, inputs: DecisionInputs): Decision | null {
  const split = splitComparison(question);
  if (!split || (standalone.outcome === 'answer' && (best?.weightedCoverage ?? 0) >= 0.95)) return null;
  const settings = inputs.settings ?? defaultDecisionSettings;
  const sides = split.sides.map((side): { id: string; decision: Decision | null } | null => {
    // Each side with what is asked of it, decided as a question of its own…
    const text = split.aspect ? `${side} ${split.aspect}` : side;
    const decision = decideAnswer(inputs.rankings.rank(text), signalsOf(text, inputs.rankings.askedOf?.(text)), inputs.model, settings);
    if (decision.outcome === 'answer') return { id: decision.id, decision };
    // …or, failing that, the entry the side names on its own: every word of it in what the entry is about, well ahead of the rest.
    const [best, runnerUp] = inputs.rankings.rank(side);
    const named =
      best && best.coverage >= 1 && best.terms.every((term) => term.field === 'name' || term.field === 'description') && (!runnerUp || best.score >= sideLead * runnerUp.score);
    return named ? { id: best.id, decision: null } : null;
  });
  const [first, second] = sides;
  if (!first || !second || first.id === second.id) return null;
  const decided = [first.decision, second.decision];
  const probabilities = decided.map((decision) => decision?.probability ?? null);
  const probability = probabilities.every((p): p is number => p !== null) ? probabilities[0]! * probabilities[1]! : null;
  const confidence = decided.every((decision) => decision?.outcome === 'answer' && decision.confidence === 'high')
    ? 'high'
    : decided.every((decision) => decision?.outcome === 'answer')
      ? 'medium'
      : 'low';
  const why = (side: string, decision: Decision | null): string => `"${side}" ${decision ? decision.reason : 'names its entry'}`;
  return {
    outcome: 'compare',
    ids: [first.id, second.id],
    confidence,
    score: Math.max(...decided.map((decision) => decision?.score ?? 0)),
    probability,
    reason: `compare: ${why(split.sides[0], first.decision)}; ${why(split.sides[1], second.decision)}`,
  };
}

/** How far a comparison's side must lead the next entry to name its own. */
const sideLead = 1.2;

/** The words of a question about the documents themselves, left out to find what it asks about. */
const sourceWords =
  /\b(?:sources?|docs?|documents?|articles?|pieces?|stories|story|pages?|come|came|comes|coming|from|get|got|find|info|information|material|data|knowledge|wrote|written|reported|published|authored|ran|put\s+out|posted|whose|old|recent|up\s+to\s+date|up-to-date|current|dated|fresh)\b/giu;

/**
 * Decides a question about the documents behind an answer ("which of your
 * sources says X, and who wrote it?"): what it asks about, with the words
 * about documents left out, is decided as a question of its own, and an
 * answer lists that entry's sources. `null` when it is not such a question,
 * or what it asks about is not answered.
 */
export function decideSourcesQuestion(question: string, inputs: DecisionInputs): Decision | null {
  if (!asksAboutSources(question)) return null;
  const subject = question
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(sourceWords, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!/[\p{L}\p{N}]{3,}/u.test(subject)) return null;
  const decision = decideAnswer(inputs.rankings.rank(subject), signalsOf(subject, inputs.rankings.askedOf?.(subject)), inputs.model, inputs.settings ?? defaultDecisionSettings);
  return decision.outcome === 'answer' ? { ...decision, gap: null, about: 'sources', reason: `sources of what it asks about ("${subject}"): ${decision.reason}` } : null;
}

/** How close the best two entries must score for a post's background to choose between them. */
const closeCall = 1.25;
/** How much a post's background lifts the entry it matches best, at most. */
const backgroundLift = 0.2;

/**
 * Lets the background of a longer post ("our team is in probation…") choose
 * between the best entries for its question when they score alike: each
 * gains up to a fifth in proportion to how much of the background it
 * matches. It only reorders a close call; it never brings in another entry.
 */
export function preferBackground(candidates: Candidate[], background: string, rankings: Pick<EntryRanker, 'rank'>): Candidate[] {
  const [best, runnerUp] = candidates;
  if (!background || !best || !runnerUp || best.score > closeCall * runnerUp.score) return candidates;
  const close = candidates.filter((candidate) => candidate.score * closeCall >= best.score);
  const matched = new Map(rankings.rank(background, new Set(close.map((candidate) => candidate.id))).map((hit) => [hit.id, hit.score]));
  const most = Math.max(0, ...matched.values());
  if (most <= 0) return candidates;
  const lifted = candidates.map((candidate) => ({ ...candidate, score: candidate.score * (1 + (backgroundLift * (matched.get(candidate.id) ?? 0)) / most) }));
  return lifted.sort((a, b) => b.score - a.score);
}

/** Decides one question, read against the previous answer's entry when there is one; `background` is the rest of a longer post. */
export function decideQuestion(question: string, previous: string | null, inputs: DecisionInputs, background = ''): Decision {
  const { rankings, model } = inputs;
  const settings = inputs.settings ?? defaultDecisionSettings;
  const signals = signalsOf(question, rankings.askedOf?.(question));
  const candidates = preferBackground(rankings.rank(question), background, rankings);
  const standalone = decideAnswer(candidates, signals, model, settings);
  const special = signals.asksAction ? null : (decideSourcesQuestion(question, inputs) ?? decideComparison(question, standalone, candidates[0], inputs));
  if (special) return special;
  // Asked word for word as one of an entry's own phrasings (a question the bot offered and the person chose), a
  // question stands on its own even when it says "it" or "this": the conversation cannot make it surer.
  if (standalone.outcome === 'answer' && candidates.some((candidate) => candidate.verbatim && candidate.id === standalone.id)) return standalone;
  const scope = previous === null ? undefined : inputs.followUpScopes.get(previous);
  if (!scope || previous === null) return standalone;
  // Only a question that leans on what came before ("who ran it?", "and the nurses?", "when?") is read against
  // the previous answer; one that stands on its own ("isn't this privatisation?", "is there a template?") is not.
  const pointsBack = refersBack(question);
  if (!pointsBack && (candidates[0]?.terms.length ?? 0) > 2) return standalone;
  return (
    decideFollowUp(standalone, candidates[0], rankings.rank(question, scope), previous, pointsBack, { ...signals, carriesOn: carriesOn(question) }, model, settings) ?? standalone
  );
}

/**
 * Decides a message (the question of a longer post, with the rest of the
 * post as its background; see {@link readMessage}). One that asks two things is answered for the main one
 * (the whole message, or else its first answerable part); the other part's
 * entry is offered next to it. When no part can be answered, a part that
 * could be clarified is, rather than declining the whole. Each part is read
 * against the entry the part before it was answered with.
 * @param inputs Its rankings: make them from the message's `MessageRankings`, so that each text is ranked once.
 */
export function decideMessage(message: MessageReading, previous: string | null, inputs: DecisionInputs): MessageDecision {
  const whole = decideQuestion(message.focus, previous, inputs, message.background);
  if (message.parts.length < 2) return { decision: whole, also: null };
  const answered: { id: string; decision: Decision }[] = [];
  let unsure: Decision | null = null;
  // Each part is read against the entry the part before it was answered with.
  let previousOfPart = previous;
  for (const part of message.parts) {
    const decision = decideQuestion(part, previousOfPart, inputs, message.background);
    if (decision.outcome === 'clarify') unsure ??= decision;
    if (decision.outcome !== 'answer') continue;
    answered.push({ id: decision.id, decision });
    previousOfPart = decision.id;
  }
  const first = answered[0];
  // The first answered part was read against the message's own previous
  // answer (no part before it had answered), so its decision stands as made.
  // With no part answered, asking which entry the first unclear part meant
  // says more than declining the whole message.
  const main =
    whole.outcome === 'answer' || whole.outcome === 'compare' ? whole : first !== undefined ? first.decision : whole.outcome === 'decline' && unsure !== null ? unsure : whole;
  const mainIds = main.outcome === 'answer' ? [main.id] : main.outcome === 'compare' ? main.ids : [];
  return { decision: main, also: answered.find(({ id }) => !mainIds.includes(id))?.id ?? null };
}
