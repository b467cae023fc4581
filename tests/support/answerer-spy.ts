import { overrideAnswerer, type Answer, type Answerer, type EntryLink } from '../../src/index.js';

/** One question an adapter asked, with the conversation input it passed. */
export interface AskedCall {
  question: string;
  previous: string | null;
}

import { clarifyAnswer as clarifyOf } from './answers.js';

/** The honest text of a clarification, as the engine words it. */
export const clarifyText = "I'm not sure I understood. Did you mean one of these?";

/** A clarification, built by hand: the engine does not produce one in this branch yet. */
export function clarifyAnswer(question: string, candidates: EntryLink[]): Answer {
  return clarifyOf({ question, answer: clarifyText, score: 2.5, suggestions: candidates.slice(0, 3), reason: 'clarify: scripted by the test' });
}

/**
 * Wraps a real answerer for adapter tests: notes every question and the
 * `previous` it was asked with (so a test can see follow-ups are passed on),
 * and answers the questions `clarifyWith` picks with a clarification offering
 * those candidates; the real answer to a question `unsure` picks is given at
 * `medium` confidence (for behaviour that depends on the confidence, kept
 * apart from how the engine happens to score a question). Everything else is
 * the real answerer's answer.
 */
export function spyOnAnswerer(
  answerer: Answerer,
  clarifyWith: (question: string) => EntryLink[] | null = () => null,
  unsure: (question: string) => boolean = () => false,
): { answerer: Answerer; calls: AskedCall[] } {
  const calls: AskedCall[] = [];
  const spy = overrideAnswerer(answerer, {
    ask(question, options) {
      calls.push({ question, previous: options?.previous ?? null });
      const candidates = clarifyWith(question);
      if (candidates) return clarifyAnswer(question, candidates);
      const answer = answerer.ask(question, options);
      return unsure(question) && answer.status === 'answered' ? { ...answer, confidence: 'medium' } : answer;
    },
  });
  return { answerer: spy, calls };
}
