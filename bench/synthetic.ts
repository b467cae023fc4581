import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { knowledgeLayout, normaliseQuestionKey, type Entry, type KnowledgeBase } from '../src/index.js';

/** A small, fast, seeded pseudo-random generator (mulberry32): the same seed always gives the same knowledge base. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Options for {@link generateKnowledge}. */
export interface SyntheticOptions {
  /** How many entries to make. */
  count: number;
  /**
   * Seed of the generator.
   * @default 20111
   */
  seed: number;
  /**
   * Share of words replaced by a made-up name, so that the vocabulary keeps
   * growing with the knowledge base as a real one would (people, places,
   * organisations), instead of stopping at the real entries' few thousand words.
   * @default 0.04
   */
  newWordRate: number;
}

export const defaultSyntheticOptions: Readonly<Omit<SyntheticOptions, 'count'>> = Object.freeze({ seed: 20111, newWordRate: 0.04 });

/** Word-to-next-word table learnt from real text: walking it gives text with the real entries' words, phrases and word frequencies. */
interface Chain {
  starts: string[];
  next: Map<string, string[]>;
}

function learnChain(texts: readonly string[]): Chain {
  const starts: string[] = [];
  const next = new Map<string, string[]>();
  for (const text of texts) {
    const words = text.split(/\s+/).filter(Boolean);
    if (words[0]) starts.push(words[0]);
    for (let i = 0; i + 1 < words.length; i++) {
      const list = next.get(words[i]!) ?? [];
      list.push(words[i + 1]!);
      next.set(words[i]!, list);
    }
  }
  return { starts, next };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const syllables = [
  'bar',
  'wick',
  'ton',
  'ley',
  'ham',
  'mor',
  'dale',
  'ford',
  'ash',
  'ing',
  'ell',
  'brook',
  'cot',
  'ridge',
  'wen',
  'thorp',
  'stan',
  'kel',
  'more',
  'den',
  'ray',
  'vin',
  'lock',
  'well',
];

/** The n-th made-up name, e.g. "Kelwick": distinct for distinct n. */
function madeUpWord(n: number): string {
  let word = '';
  let rest = n;
  do {
    word += syllables[rest % syllables.length];
    rest = Math.floor(rest / syllables.length);
  } while (rest > 0);
  if (word.length < 6) word += syllables[(n * 7) % syllables.length];
  return word[0]!.toUpperCase() + word.slice(1);
}

/**
 * Generates a knowledge base of `count` entries that resemble the real ones:
 * every field's length is copied from a randomly chosen real entry, and its
 * words come from a word-pair chain learnt from that field across the real
 * entries, with a share of made-up names so the vocabulary grows with size.
 * Sources and synonyms are the real ones, so the bot's pipeline does its full work.
 */
export function generateKnowledge(real: KnowledgeBase, options: Partial<SyntheticOptions> & { count: number }): KnowledgeBase {
  const { count, seed, newWordRate } = { ...defaultSyntheticOptions, ...options };
  const random = createRandom(seed);
  const chains = {
    title: learnChain(real.entries.map((entry) => entry.title)),
    questions: learnChain(real.entries.flatMap((entry) => entry.questions)),
    body: learnChain(real.entries.map((entry) => entry.body)),
  };
  const tagPool = real.entries.flatMap((entry) => entry.tags);
  const namePool = Math.max(50, Math.floor(count / 2));

  const write = (chain: Chain, length: number): string => {
    const words: string[] = [];
    let word = pick(random, chain.starts);
    while (words.length < length) {
      words.push(random() < newWordRate ? madeUpWord(Math.floor(random() * namePool)) : word);
      const followers = chain.next.get(word);
      word = followers ? pick(random, followers) : pick(random, chain.starts);
    }
    return words.join(' ');
  };
  const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

  const id = (n: number): string => `synthetic-${String(n).padStart(6, '0')}`;
  const seenQuestions = new Set<string>();
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    const model = pick(random, real.entries);
    const questions = model.questions.map((question) => {
      const asQuestion = (words: string): string => (words.endsWith('?') ? words : `${words}?`);
      let text = write(chains.questions, wordCount(question));
      // Questions must be unique across entries (the loader checks), as they are in real knowledge.
      while (seenQuestions.has(normaliseQuestionKey(asQuestion(text)))) text = `${text} ${madeUpWord(Math.floor(random() * namePool))}`;
      seenQuestions.add(normaliseQuestionKey(asQuestion(text)));
      return asQuestion(text);
    });
    entries.push({
      id: id(n),
      title: write(chains.title, wordCount(model.title)),
      questions,
      tags: model.tags.map(() => pick(random, tagPool)),
      sources: model.sources,
      asOf: model.asOf,
      related: model.related.map(() => id(Math.floor(random() * count))).filter((other) => other !== id(n)),
      body: write(chains.body, wordCount(model.body)),
      file: `entries/${id(n)}.md`,
    });
  }
  return { entries, sources: real.sources, synonyms: real.synonyms, dir: `synthetic:${count}:${seed}` };
}

/**
 * Writes a knowledge base as a knowledge folder (sources.yaml, synonyms.yaml,
 * one Markdown file per entry), so that loading it from disk can be timed.
 * The sources are the real ones, so their registry is copied from `sourcesFrom`
 * (a loaded source shows its date as readers see it, not as the registry holds
 * it), and each entry's "As of" is worked out from them on loading, as usual.
 */
export function writeKnowledge(knowledge: KnowledgeBase, dir: string, sourcesFrom: string): void {
  mkdirSync(join(dir, knowledgeLayout.entries), { recursive: true });
  copyFileSync(join(sourcesFrom, knowledgeLayout.sources), join(dir, knowledgeLayout.sources));
  writeFileSync(join(dir, knowledgeLayout.synonyms), stringify(knowledge.synonyms));
  for (const entry of knowledge.entries) {
    const { id, title, questions, tags, sources, related, body } = entry;
    const frontMatter = stringify({ id, title, questions, tags, sources, related }, { lineWidth: 0 });
    writeFileSync(join(dir, knowledgeLayout.entries, `${id}.md`), `---\n${frontMatter}---\n${body}\n`);
  }
}
