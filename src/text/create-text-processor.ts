import { stemmer } from 'stemmer';
import type { SynonymGroup } from '../types.js';
import { createPhraseCorrector } from './correct-typos.js';
import { stopWords } from './stop-words.js';
import { stripPersonalContext } from './strip-framing.js';

/** The text pipeline shared by indexing and searching, so both see words the same way. */
export interface TextProcessor {
  /**
   * Rewrites text into the search's canonical wording (case, symbols, synonyms,
   * named rights). With `keepPhrases`, a multi-word variant keeps its own words
   * after the canonical term, so that indexed text still matches part of a
   * phrase ("audit office").
   */
  normaliseText(text: string, keepPhrases?: boolean): string;
  /** Splits indexed text into raw words: canonical terms plus the words of phrases. */
  tokenizeForIndex(text: string): string[];
  /**
   * Splits a question into raw words: canonical terms only, so an acronym
   * counts as one word, and without the personal context around it ("I'm a
   * nurse, …"), which says who asks, not what about.
   */
  tokenize(text: string): string[];
  /** Turns one raw word into its index term, or `null` for a stop word. */
  processTerm(term: string): string | null;
  /** The distinct index terms of a text, in order. */
  termsOf(text: string): string[];
}

/** How many words' terms a text pipeline remembers (see processTerm): a few megabytes at most. */
const processedWordsKept = 50_000;

/** Marks a term that stands for a whole phrase from the synonym table. */
const phraseMarker = '_';

/** Every named right ("right to provide") becomes one term that starts with this. */
export const namedRightPrefix = 'rightto';

/**
 * Whether a term stands for a name of several words: a phrase from the
 * synonym table ("national audit office") or a named right. A name says what
 * a question is about as clearly as a rare word does.
 */
export const isNameTerm = (term: string): boolean => term.startsWith(phraseMarker) || term.startsWith(namedRightPrefix);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A variant like "co-op" also matches "co op", "co.op" and "coop". */
const variantPattern = (variant: string): string =>
  variant
    .split(/[\s\-.]+/)
    .filter(Boolean)
    .map(escapeRegExp)
    .join('[\\s\\-.]*');

/**
 * Builds one regular expression for a whole synonym table. Longer variants are
 * tried first so that "primary care trusts" wins over "primary care trust".
 */
function compileSynonyms(groups: readonly SynonymGroup[]): { pattern: RegExp | null; canonicalOf: Map<string, string> } {
  const canonicalOf = new Map<string, string>();
  const keyOf = (text: string): string => text.toLowerCase().replace(/[\s\-.]+/g, '');
  const variants: string[] = [];
  for (const group of groups) {
    const [canonical] = group;
    if (!canonical) continue;
    // The canonical form is matched too, so that a shorter variant of another
    // group cannot eat part of it ("co-operatives" inside "co-operatives uk").
    const output = canonical.toLowerCase().replace(/-/g, '');
    for (const variant of group) {
      canonicalOf.set(keyOf(variant), output);
      variants.push(variant);
    }
  }
  if (variants.length === 0) return { pattern: null, canonicalOf };
  variants.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${variants.map(variantPattern).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return { pattern, canonicalOf };
}

/** British and American spellings of -ise/-ize and -yse/-yze words become one. */
function foldSpelling(word: string): string {
  return word.replace(/^(.{3,})iz(e|es|ed|ing|ation|ations|er|ers)$/, '$1is$2').replace(/^(.{3,})yz(e|es|ed|ing)$/, '$1ys$2');
}

/**
 * Creates the text pipeline for a synonym table: Unicode and case folding,
 * currency and number clean-up, synonyms and acronyms, named rights kept as
 * one term ("right to provide" is not "right to buy"), stop words, British and
 * American spelling, and English stemming.
 */
export function createTextProcessor(synonyms: readonly SynonymGroup[]): TextProcessor {
  const { pattern, canonicalOf } = compileSynonyms(synonyms);
  const keyOf = (text: string): string => text.toLowerCase().replace(/[\s\-.]+/g, '');

  const normaliseText = (text: string, keepPhrases = false): string => {
    // Each rewrite below runs only when the text holds a character it needs,
    // which leaves the result as it is but spares most short phrases most of
    // the passes: ranking runs the phrasings of every entry a search returns
    // through here, so these passes were most of a query's time.
    // eslint-disable-next-line no-control-regex
    let out = /^[\u0000-\u007f]*$/.test(text)
      ? text.toLowerCase()
      : text
          .normalize('NFKD')
          .replace(/\p{M}+/gu, '')
          .toLowerCase();
    if (/['\u2018\u2019\u02bc`]/.test(out)) {
      out = out
        .replace(/[\u2018\u2019\u02bc`]/g, "'")
        .replace(/'s(?![\p{L}\p{N}])/gu, '')
        .replace(/'/g, '');
    }
    if (/\d/.test(out)) {
      out = out.replace(/(\d),(\d{3})(?!\d)/g, '$1$2');
    }
    out = out.replace(/[£$€]\s*/g, ' ');
    if (/\d/.test(out)) {
      out = out
        .replace(/(\d)\s*bn(?![\p{L}\p{N}])/gu, '$1 billion')
        .replace(/(\d)\s*m(?![\p{L}\p{N}])/gu, '$1 million')
        .replace(/(\d)\s*%/g, '$1 percent');
    }
    if (out.includes('per')) out = out.replace(/\bper\s+cent\b/g, 'percent');
    // The phrase marker is ours alone: a typed underscore is just a space.
    if (out.includes('_')) out = out.replace(/_/g, ' ');
    // "Rights to", "right 2" and "right to the" all name a right the same way.
    if (out.includes('right')) out = out.replace(/\brights?\s+(?:to|2)\s+(?:an?\s+|the\s+)?(?=\p{L})/gu, 'right to ');
    if (pattern) {
      out = out.replace(pattern, (match) => {
        const canonical = canonicalOf.get(keyOf(match));
        if (canonical === undefined) return match;
        // A phrase becomes one term marked with "_", which no typed word produces,
        // so that prefix search for "mutual" cannot reach "mutuals information service".
        const term = /\s/.test(canonical) ? `${phraseMarker}${canonical.replace(/[\s\-.]+/g, '')}` : canonical.replace(/[-.]+/g, '');
        return keepPhrases && /\s/.test(match) ? `${term} ${match.replace(/[-.]/g, '')}` : term;
      });
    }
    // A named right ("right to provide", "right to buy") is one idea, so it is
    // one term: sharing the word "right" must not make two rights look alike.
    if (out.includes('right to')) out = out.replace(/\bright to (\p{L}+)/gu, `${namedRightPrefix}$1`);
    return out;
  };

  const wordsOf = (text: string): string[] => text.match(/_?[\p{L}\p{N}]+(?:\.\d+)?/gu) ?? [];
  // Questions may misspell a name of several words ("rigth to reqest"); entries do not.
  const correctPhrases = createPhraseCorrector(synonyms.flat());
  const tokenize = (text: string): string[] => wordsOf(normaliseText(correctPhrases(stripPersonalContext(text))));
  const tokenizeForIndex = (text: string): string[] => wordsOf(normaliseText(text, true));

  const processWord = (term: string): string | null => {
    const word = term.toLowerCase();
    if (word.startsWith(phraseMarker)) return word;
    if (stopWords.has(word)) return null;
    if (/^\d+(?:\.\d+)?$/.test(word)) return word;
    return stemmer(foldSpelling(word));
  };
  // Ranking runs the phrasings of every entry a search returns through this
  // pipeline, word by word, and the same words come back all the time, while
  // stemming is costly; so a word's term is remembered. Bounded: the memory is
  // started afresh once it holds processedWordsKept words.
  const processed = new Map<string, string | null>();
  const processTerm = (term: string): string | null => {
    let result = processed.get(term);
    if (result === undefined) {
      result = processWord(term);
      if (processed.size >= processedWordsKept) processed.clear();
      processed.set(term, result);
    }
    return result;
  };

  const termsOf = (text: string): string[] => {
    const seen = new Set<string>();
    for (const token of tokenize(text)) {
      const term = processTerm(token);
      if (term) seen.add(term);
    }
    return [...seen];
  };

  return { normaliseText, tokenize, tokenizeForIndex, processTerm, termsOf };
}
