import { describe, expect, it } from 'vitest';
import { createBotMetrics } from '../../../adapters/shared/metrics.js';
import { createAnswerer } from '../../../src/index.js';
import { fixtureKnowledgeDir } from '../../support/fixture-knowledge.js';

describe('createBotMetrics: observeAnswerer', () => {
  it('times ask and keeps every other part of the real answerer working', async () => {
    const real = createAnswerer(fixtureKnowledgeDir);
    const metrics = await createBotMetrics(() => real.knowledge.entries.length, ['slack']);
    const timed = metrics.observeAnswerer(() => real)();
    // The answerer is a class instance: a wrapper made by spreading it would lose these methods.
    expect(timed.starters(2)).toEqual(real.starters(2));
    expect(timed.suggest('audit', 3)).toEqual(real.suggest('audit', 3));
    expect(timed.rankEntries('audit findings', 3)).toEqual(real.rankEntries('audit findings', 3));
    expect(timed.knowledge).toBe(real.knowledge);
    expect(timed.ask('What did the National Audit Office report say?')).toMatchObject({ status: 'answered', entryId: 'audit-findings' });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^rtp_answer_seconds_count 1$/m);
  });
});
