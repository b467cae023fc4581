import { namesIn } from '../text/answer-types.js';
import { createTextProcessor } from '../text/create-text-processor.js';
import type { Entry, SynonymGroup } from '../types.js';

/** Checks that an alias giving a role gives one a cited source states for the person or body the entry names. */
export interface AliasRoleChecker {
  /**
   * `null` when the alias gives no role; otherwise the role and what is wrong
   * with it (a message that reads after the quoted alias), `problem` being
   * `null` when a cited source states it.
   */
  checkAlias(entry: Pick<Entry, 'title' | 'body' | 'sources'>, alias: string): { role: string; problem: string | null } | null;
}

/** A source's text, to look roles up in. */
export interface SourceSentences {
  id: string;
  text: string;
}

/** Words for heading a body, and for chairing one: a source may give any of each for the same role. */
const headWords = ['head', 'heads', 'heading', 'headed', 'boss', 'chief', 'leader', 'leads', 'led'];
const chairWords = ['chair', 'chairs', 'chaired', 'chairing', 'chairman', 'chairwoman', 'chairperson'];
/** Words that make an alias a role: a title or job someone holds. */
const roleWords = [
  ...headWords,
  ...chairWords,
  'secretary',
  'director',
  'minister',
  'adviser',
  'advisor',
  'president',
  'manager',
  'executive',
  'treasurer',
  'clerk',
  'warden',
  'governor',
  'mayor',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'editor',
  'founder',
  'economist',
  'journalist',
  'reporter',
  'blogger',
  'consultant',
];
// Words that place a role in time without changing it: "Tony Blair's former policy adviser".
const timeWords = ['former', 'then', 'ex', 'current', 'onetime', 'sometime'];

/**
 * Builds the check for the sources' texts: an alias holding a role word
 * ("head of the National Audit Office", "the NAO chief") must have a sentence
 * in a cited source that holds the same role (a boss, chief or leader is a
 * head, and so is a chair or a Secretary General), the other words of the
 * role ("National Audit Office"), and the name of someone the entry's title
 * or answer text names. Words that only place the role in time ("former")
 * are not looked for.
 */
export function createAliasRoleChecker(sources: readonly SourceSentences[], synonyms: readonly SynonymGroup[]): AliasRoleChecker {
  const text = createTextProcessor(synonyms);
  const termOf = (word: string): string => text.termsOf(word)[0] ?? word;
  const roleTerms = new Set(roleWords.map(termOf));
  const timeTerms = new Set(timeWords.map(termOf));
  // The titles, as terms, a source may give for a role of each family: a head of a body may be
  // its chair or its Secretary General; a chair is only ever a chair.
  const chairTitles = chairWords.map((word) => [termOf(word)]);
  // A title of several words is read whole, as the synonym table may make it one term ("secretary general").
  const headTitles = [
    ...headWords.map((word) => [termOf(word)]),
    ...chairTitles,
    ...['secretary general', 'director general', 'chief executive'].map((title) => text.termsOf(title)),
  ];
  const titlesFor = new Map<string, string[][]>([
    ...headWords.map((word): [string, string[][]] => [termOf(word), headTitles]),
    ...chairWords.map((word): [string, string[][]] => [termOf(word), chairTitles]),
  ]);
  /** The names in a sentence, as runs of capitalised words, broken at role words ("Co-operatives UK | Ed Mayo"). */
  const nameRunsOf = (sentence: string): string[][] => {
    const names = namesIn(sentence);
    const runs: string[][] = [[]];
    for (const match of sentence.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*|[^\p{L}\p{N}\s]+/gu)) {
      const word = match[0].toLowerCase().replace(/['\u2019]s$/u, '');
      const breaks = !names.has(word) || roleTerms.has(termOf(word)) || word === 'general';
      if (breaks) {
        if (runs.at(-1)!.length > 0) runs.push([]);
      } else {
        runs.at(-1)!.push(word);
      }
    }
    return runs.filter((run) => run.length > 0);
  };

  const sentencesOf = new Map(
    sources.map((source) => [
      source.id,
      source.text
        .split(/(?<=[.!?\u201D"])\s+|\n\s*\n/)
        .filter((sentence) => /\p{L}/u.test(sentence))
        .map((sentence) => ({ terms: new Set(text.termsOf(sentence)), runs: nameRunsOf(sentence) })),
    ]),
  );

  const holdsRole = (terms: ReadonlySet<string>, role: string): boolean => (titlesFor.get(role) ?? [[role]]).some((title) => title.every((term) => terms.has(term)));

  return {
    checkAlias(entry, alias) {
      const words = [...alias.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*/gu)].map((match) => match[0]);
      const firstRole = words.findIndex((word) => roleTerms.has(termOf(word.toLowerCase().replace(/['\u2019]s$/u, ''))));
      if (firstRole < 0) return null;
      // The role ends at a possessive after it: "the Cabinet Office minister's Progress lecture" gives "the Cabinet Office minister".
      const possessive = words.findIndex((word, index) => index >= firstRole && /['\u2019]s$/u.test(word));
      const role = (possessive < 0 ? words : words.slice(0, possessive + 1)).join(' ').replace(/['\u2019]s$/u, '');
      const terms = text.termsOf(role).filter((term) => !timeTerms.has(term));
      const roles = terms.filter((term) => roleTerms.has(term));
      const others = terms.filter((term) => !roleTerms.has(term));
      const aliasTerms = new Set(text.termsOf(alias));
      const named = namesIn(`${entry.title}\n${entry.body}`);
      // The holder of the role: a name in the sentence that is not the body the role belongs to
      // (which shares a word with the alias), and that the entry names.
      const namesHolder = (runs: readonly string[][]): boolean =>
        runs.some((run) => !run.some((word) => text.termsOf(word).some((term) => aliasTerms.has(term))) && run.every((word) => named.has(word)));
      const stated = entry.sources.some((id) =>
        (sentencesOf.get(id) ?? []).some(
          (sentence) => roles.every((term) => holdsRole(sentence.terms, term)) && others.every((term) => sentence.terms.has(term)) && namesHolder(sentence.runs),
        ),
      );
      if (stated) return { role, problem: null };
      return {
        role,
        problem: `gives the role "${role}", but no cited source (${entry.sources.join(', ')}) states that role for anyone the answer text names: use the role as a cited source gives it, or remove the alias`,
      };
    },
  };
}
