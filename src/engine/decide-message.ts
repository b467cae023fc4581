import { refersBack, splitQuestion } from '../text/question-shape.js';
import { decideAnswer, decideInContext, defaultDecisionRule, type Candidate, type Decision, type DecisionRule } from './decide-answer.js';

/** What deciding a whole message needs: the ranking, and what a conversation's context holds. */
export interface MessageDecider {
  /** The ranked candidates for a question; with `within`, only among those entry ids. */
  rank(question: string, within?: ReadonlySet<string>): Candidate[];
  /** The entries a follow-up to this entry may be about (it and its related entries), or `null` when it is unknown. */
  contextOf(previous: string): ReadonlySet<string> | null;
}

/** A message's decision, and the entry of a second question in it, to offer beside the answer. */
export interface MessageDecision {
  decision: Decision;
  also: string | null;
}

/** Decides one question, in the context of the previous answer when there is one. */
export function decideQuestion(question: string, previous: string | null, decider: MessageDecider, rule: DecisionRule = defaultDecisionRule): Decision {
  const candidates = decider.rank(question);
  const standalone = decideAnswer(candidates, rule);
  const context = previous === null ? null : decider.contextOf(previous);
  if (!context || previous === null) return standalone;
  return decideInContext(standalone, candidates[0], decider.rank(question, context), previous, refersBack(question), rule) ?? standalone;
}

/**
 * Decides a message. One that asks two things is answered for the main one
 * (the whole message, or else its first answerable part); the other part's
 * entry is offered next to it. When no part can be answered, a part that
 * could be clarified is, rather than declining the whole. Each part is read
 * in the context of the one before.
 */
export function decideMessage(question: string, previous: string | null, decider: MessageDecider, rule: DecisionRule = defaultDecisionRule): MessageDecision {
  const decide = (text: string, before: string | null): Decision => decideQuestion(text, before, decider, rule);
  const whole = decide(question, previous);
  const parts = splitQuestion(question);
  if (parts.length < 2) return { decision: whole, also: null };
  const answered: { id: string; decision: Decision }[] = [];
  let unsure: Decision | null = null;
  let before = previous;
  for (const part of parts) {
    const decision = decide(part, before);
    if (decision.outcome === 'clarify') unsure ??= decision;
    if (decision.outcome !== 'answer') continue;
    answered.push({ id: decision.id, decision });
    before = decision.id;
  }
  const first = answered[0];
  // The first answered part was read in the message's own context (no part
  // before it had answered), so its decision stands as made. With no part
  // answered, asking which entry the first unclear part meant says more than
  // declining the whole message.
  const main = whole.outcome === 'answer' ? whole : first !== undefined ? first.decision : whole.outcome === 'decline' && unsure !== null ? unsure : whole;
  const mainId = main.outcome === 'answer' ? main.id : null;
  return { decision: main, also: answered.find(({ id }) => id !== mainId)?.id ?? null };
}
