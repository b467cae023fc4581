import { createAnswerer, outcomeOfAnswer } from '../../src/index.js';
import { rankDepth, type BenchEngine } from './engine.js';

/** rtp-bot's own engine: its text pipeline, synonyms, fuzzy matching and confidence rule. */
export const rtpBotEngine: BenchEngine = {
  name: 'rtp-bot',
  hasConfidenceRule: true,
  describe: () => 'createAnswerer(): own text pipeline (synonyms, stemming, stop words), boosts, typo tolerance always on, own confidence rule (answer, clarify or decline)',
  build(knowledge) {
    const answerer = createAnswerer(knowledge);
    return {
      query(question) {
        const ranked = answerer.rankEntries(question, rankDepth);
        return { ranked: ranked.map((hit) => hit.id), best: ranked[0]?.score ?? null };
      },
      answer(question, previous = null) {
        // ask() alone (the ranking is query()'s), read as the evaluation reads it, so the benchmark
        // scores rtp-bot exactly as `npm run eval` does and times only its answer.
        const outcome = outcomeOfAnswer(answerer.ask(question, { previous }));
        return {
          entry: outcome.answeredWith,
          choices: outcome.choices ?? [],
          covered: outcome.answeredEntries ?? [],
          gap: outcome.gap ?? null,
          smallTalk: outcome.smallTalk === true,
        };
      },
    };
  },
};
