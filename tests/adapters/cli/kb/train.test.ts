import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decisionFeatures, gapFeatures } from '../../../../src/engine/decision-features.js';
import { readDecisionModel } from '../../../../src/engine/decision-model.js';
import { fixtureDir, makeTempDir } from '../../../support/fixture-knowledge.js';
import { runCli } from '../../../support/processes.js';

/** A small tuned split for the tea-and-bikes fixture: clear questions, and near misses that share no word with it. */
const questionSet = [
  ...['How do I brew black tea?', 'brewing tea steps', 'how long should tea brew', 'What is green tea?', 'how is green tea made', 'green tea leaves colour'].map(
    (q, i) => `- q: "${q}"\n  expect: ${i < 3 ? 'brewing-tea' : 'green-tea'}`,
  ),
  ...['How do I fix a flat bicycle tyre?', 'bike tyre pressure', 'puncture repair', 'How often should I oil my bike chain?', 'squeaky chain', 'chain oil'].map(
    (q, i) => `- q: "${q}"\n  expect: ${i < 3 ? 'bike-tyres' : 'bike-chain'}`,
  ),
  ...['opening hours of the Louvre', 'capital of France', 'how tall is Everest', 'best pizza in Naples', 'who won the cup', 'train times to Leeds'].map(
    (q) => `- q: "${q}"\n  expect: decline`,
  ),
].join('\n');

describe('npm run kb -- train', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir('rtp-kb-train-');
    writeFileSync(join(temp.dir, 'questions.yaml'), `${questionSet}\n`);
  });
  afterEach(() => temp.remove());

  it('trains on the tuned split, prints the thresholds, the cross-validated figures and a calibration table, and writes nothing without --write', async () => {
    const result = await runCli('adapters/cli/kb.ts', ['train', '--knowledge', fixtureDir('knowledge-small'), '--eval-dir', temp.dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^trained on \d+ questions of the tuned split \(questions\.yaml\), 5-fold cross-validation, L2 [\d.]+\n/);
    expect(result.stdout).toMatch(/\nthresholds: answer p ≥ 0\.\d{3}, else clarify when one of the best three p ≥ 0\.\d{3}, else decline\n/);
    expect(result.stdout).toMatch(/\ncross-validated: answered correctly +[\d.]+%, or one click away +[\d.]+%, near misses declined +[\d.]+%/);
    expect(result.stdout).toMatch(/\ncalibration .*:\n {2}probability {3}questions {3}mean predicted {3}right\n {2}0\.\d\d–/);
    expect(result.stdout).not.toContain('wrote');
  });

  it('writes a model the engine accepts with --write --out FILE', async () => {
    const out = join(temp.dir, 'model.json');
    const result = await runCli('adapters/cli/kb.ts', ['train', '--knowledge', fixtureDir('knowledge-small'), '--eval-dir', temp.dir, '--write', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`\nwrote ${out}\n`);
    const model = readDecisionModel(JSON.parse(readFileSync(out, 'utf8')), decisionFeatures, gapFeatures, out);
    expect(model.training.questions).toBeGreaterThan(10);
  });

  it('refuses --out without --write, and a folder with no tuned questions, saying why', async () => {
    const lonely = await runCli('adapters/cli/kb.ts', ['train', '--eval-dir', temp.dir, '--out', join(temp.dir, 'x.json')]);
    expect(lonely.code).toBe(2);
    expect(lonely.stderr).toMatch(/^--out says where --write saves the model: give --write too/);
    const empty = await runCli('adapters/cli/kb.ts', ['train', '--eval-dir', join(temp.dir, 'nowhere')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^no tuned question set to train on/);
  });
});
