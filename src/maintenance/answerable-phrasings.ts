import { answersAnswerType, answerTypeLabel, answerTypeQuestion, askedAnswerType, checkedAnswerTypes, notNames, sentenceOpeners } from '../text/answer-types.js';
import { createTextProcessor } from '../text/create-text-processor.js';
import type { Entry, KnowledgeBase } from '../types.js';

/** Checks that a phrasing or alias can be answered by its entry's answer text. */
export interface PhrasingChecker {
  /**
   * What is wrong with a phrasing (`questions`) or an alias (`aliases`) of an
   * entry, each a message that reads after the quoted phrasing; none when it
   * is fine.
   */
  problemsOf(entry: Pick<Entry, 'title' | 'body'>, phrasing: string, field: 'questions' | 'aliases'): string[];
}

// Small words that join the words of one name ("Department of Health", "Right to Provide").
const joiners = new Set(['of', 'to', 'for', 'and', 'the', 'on']);

const wordsOf = (text: string): RegExpMatchArray[] => [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*/gu)];
const plain = (word: string): string =>
  word
    .toLowerCase()
    .replace(/['\u2019]s$/u, '')
    .replace(/['\u2019]/gu, '');
const capitalised = (word: string): boolean => /^\p{Lu}/u.test(word);

/**
 * Words that are names wherever the knowledge uses them: capitalised inside a
 * sentence of a title or answer, and never written in lower case in a title,
 * answer, phrasing or alias ("Hinchingbrooke", "NHS"), so that a phrasing typed
 * in lower case still names them. A word people also use in its everyday sense
 * ("progress", "big", "central") is written in lower case somewhere, so it is
 * not one.
 */
function nameWordsOf(entries: readonly Pick<Entry, 'title' | 'body' | 'questions' | 'aliases'>[]): Set<string> {
  const capital = new Set<string>();
  const lower = new Set<string>();
  const noteLower = (text: string): void => {
    for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) if (!capitalised(match[0])) lower.add(match[0].toLowerCase());
  };
  for (const entry of entries) {
    for (const text of [entry.title, entry.body]) {
      for (const match of wordsOf(text)) {
        const before = text.slice(0, match.index).trimEnd();
        if (capitalised(match[0]) && before !== '' && !/[.!?:;"\u201C(\u2014]$/u.test(before) && !/\n\s*\n\s*$/u.test(text.slice(0, match.index))) capital.add(plain(match[0]));
      }
    }
    for (const text of [entry.title, entry.body, ...entry.questions, ...(entry.aliases ?? [])]) noteLower(text);
  }
  return new Set([...capital].filter((word) => !lower.has(word) && !notNames.has(word) && !sentenceOpeners.has(word)));
}

/**
 * The names in a phrasing, each as written: runs of capitalised words (joined
 * by "of", "to", "for"… as in "Department of Health"), not counting a
 * capitalised word that only opens the question, and words the knowledge
 * always writes as names, in any case.
 */
function namesInPhrasing(phrasing: string, nameWords: ReadonlySet<string>): string[] {
  const words = wordsOf(phrasing);
  const isName = (index: number): boolean => {
    const word = words[index]![0];
    const lower = plain(word);
    if (notNames.has(lower)) return false;
    if (nameWords.has(lower)) return true;
    if (!capitalised(word)) return false;
    const opensSentence = index === 0 || /[.!?:;"\u201C]\s*$/u.test(phrasing.slice(0, words[index]!.index));
    return !opensSentence || (!sentenceOpeners.has(lower) && index + 1 < words.length && capitalised(words[index + 1]![0]));
  };
  const names: string[] = [];
  let run: number[] = [];
  const close = (): void => {
    while (run.length > 0 && joiners.has(plain(words[run.at(-1)!]![0]))) run.pop();
    if (run.length > 0) names.push(phrasing.slice(words[run[0]!]!.index, words[run.at(-1)!]!.index! + words[run.at(-1)!]![0].length));
    run = [];
  };
  words.forEach((_, index) => {
    if (isName(index)) run.push(index);
    else if (run.length > 0 && joiners.has(plain(words[index]![0])) && index + 1 < words.length && isName(index + 1)) run.push(index);
    else close();
  });
  close();
  return names;
}

/**
 * Builds the phrasing checks for a knowledge base: a phrasing that asks how
 * much, how many, when, who or where needs an answer text that states an
 * amount, a number, a date, a name or a place (or says plainly that the
 * sources do not give it); and a phrasing or alias that names a person, body
 * or place needs an answer text that mentions it.
 */
export function createPhrasingChecker(knowledge: Pick<KnowledgeBase, 'entries' | 'synonyms'>): PhrasingChecker {
  const text = createTextProcessor(knowledge.synonyms);
  const nameWords = nameWordsOf(knowledge.entries);
  const answerWords = new WeakMap<object, { words: Set<string>; terms: Set<string> }>();
  const answerOf = (entry: Pick<Entry, 'title' | 'body'>): { words: Set<string>; terms: Set<string> } => {
    let found = answerWords.get(entry);
    if (!found) {
      const whole = `${entry.title}\n${entry.body}`;
      found = { words: new Set(wordsOf(whole).map((match) => plain(match[0]))), terms: new Set(text.termsOf(whole)) };
      answerWords.set(entry, found);
    }
    return found;
  };

  return {
    problemsOf(entry, phrasing, field) {
      const problems: string[] = [];
      const answer = answerOf(entry);
      const whole = `${entry.title}\n${entry.body}`;
      // An alias is a name for the entry's subject, not a question: only what it names is checked.
      const kind = field === 'questions' ? askedAnswerType(phrasing) : null;
      const asked = kind !== null && checkedAnswerTypes.has(kind) ? kind : null;
      if (asked && !answersAnswerType(whole, asked, phrasing)) {
        problems.push(
          `${answerTypeQuestion[asked]}, but the answer text gives no ${answerTypeLabel[asked]} and does not say the sources lack one: add the fact from a cited source, say plainly that the sources do not give it, or remove the phrasing`,
        );
      }
      for (const name of namesInPhrasing(phrasing, nameWords)) {
        const mentioned =
          wordsOf(name).every((match) => answer.words.has(plain(match[0])) || joiners.has(plain(match[0]))) || text.termsOf(name).every((term) => answer.terms.has(term));
        if (!mentioned) {
          problems.push(
            `names "${name}", which the answer text never mentions: mention it in the answer if a cited source ties it to this entry, or remove the ${field === 'questions' ? 'phrasing' : 'alias'}`,
          );
        }
      }
      return problems;
    },
  };
}
