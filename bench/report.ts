import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults, RealSpeed, ScaleCell } from './harness.js';
import { peerChoiceCount, type QualityResult } from './quality.js';

const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;
const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(0));
const mb = (value: number): string => (Number.isNaN(value) ? 'n/a' : value.toFixed(1));
const sizeName = (size: number): string => (size >= 1000 ? `${size / 1000}k` : String(size));

/** A table as Markdown (also readable as plain text in a terminal). */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const variantName = (result: { engine: string; settings: { fuzzy: boolean } }, ownRule: boolean): string =>
  ownRule ? result.engine : `${result.engine}${result.settings.fuzzy ? ' + typo tolerance' : ' (defaults)'}`;

const qualityHead = ['engine', 'decides by', 'top-1', 'answered or one click away', 'rank-1', 'MRR', 'Recall@3', 'declines'];

/** The quality rows: the engine's own rule, or one of its two thresholds. */
function qualityRows(quality: readonly QualityResult[], pick: (result: QualityResult, index: number) => boolean): string[][] {
  return quality.filter(pick).map((result) => [
    variantName(result, result.rule.kind === 'own'),
    result.rule.kind === 'own' ? 'own confidence rule' : `top score >= ${result.rule.threshold.toFixed(2)}`,
    percent(result.report.top1),
    // Results written before the column existed have no figure for it.
    result.oneClick === undefined ? 'n/a' : percent(result.oneClick),
    percent(result.rankTop1),
    result.report.mrr.toFixed(3),
    percent(result.report.recallAt3),
    percent(result.report.declineRate),
  ]);
}

/** Whether a threshold row is an engine's best overall one (the first of its pair) or the matched-declines one. */
const isOverall = (result: QualityResult): boolean => result.rule.kind === 'own' || result.rule.description.startsWith('best threshold overall');

/** How fast cost grows between two sizes, in words. */
function growthWords(cells: readonly ScaleCell[], pick: (cell: ScaleCell) => number): string {
  const valid = cells.filter((cell) => !cell.error && Number.isFinite(pick(cell)) && pick(cell) > 0);
  if (valid.length < 2) return 'not enough points';
  const first = valid[0]!;
  const last = valid[valid.length - 1]!;
  // Slope on a log-log scale: 1 is linear, 0 flat.
  const exponent = Math.log(pick(last) / pick(first)) / Math.log(last.size / first.size);
  const factor = pick(last) / pick(first);
  const shape = exponent < 0.3 ? 'nearly flat' : exponent < 0.8 ? 'sub-linear' : exponent < 1.2 ? 'about linear' : 'faster than linear';
  return `${shape} (×${factor.toFixed(factor < 10 ? 1 : 0)} for ×${last.size / first.size} entries, exponent ${exponent.toFixed(2)})`;
}

/** The peer the answer p99 target compares with. */
const p99Peer = 'FlexSearch';

/**
 * The speed targets of issue 23, each a ratio within this one run: a one-shot
 * answer against a bare Node start, Slack's start to ready, and the answer
 * p99 against FlexSearch's (its faster configuration).
 */
export function issueTargetLines(results: BenchResults): string[] {
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const lines: string[] = [];
  const { oneShot, slackStart } = results;
  if (oneShot) {
    lines.push(
      `- One-shot CLI answer, start to exit, at most 2.5× a bare \`node -e ""\`: ${verdict(oneShot.ratio <= 2.5)} ` +
        `(\`${oneShot.command}\` ${ms(oneShot.warmMedianMs)} ms with the knowledge cache warm vs ${ms(oneShot.bareMedianMs)} ms bare, ${oneShot.ratio.toFixed(2)}×; ` +
        `first start, building the cache, ${ms(oneShot.firstMs)} ms, ${oneShot.firstRatio.toFixed(2)}×).`,
    );
  }
  if (slackStart) {
    lines.push(
      `- Slack over HTTP, \`npm start\` to ready, at most 1 s: ${verdict(slackStart.npmMedianMs <= 1000)} (${ms(slackStart.npmMedianMs)} ms with the cache warm, ` +
        `${ms(slackStart.npmFirstMs)} ms the first start; \`node dist/adapters/start.js\` alone ${ms(slackStart.nodeMedianMs)} ms).`,
    );
  }
  const own = results.realSpeed.find((speed) => speed.engine === 'rtp-bot');
  const peers = results.realSpeed.filter((speed) => speed.engine === p99Peer);
  if (own && peers.length > 0) {
    const fastest = (pick: (speed: RealSpeed) => number): RealSpeed => [...peers].sort((a, b) => pick(a) - pick(b))[0]!;
    const wall = fastest((speed) => speed.answer.p99);
    const cpu = fastest((speed) => speed.answer.cpuP99);
    lines.push(
      `- Real knowledge base, answer p99 at most ${p99Peer}'s: ${verdict(own.answer.p99 <= wall.answer.p99)} on the wall clock ` +
        `(${ms(own.answer.p99)} ms vs ${variantName(wall, false)} ${ms(wall.answer.p99)} ms, ${(own.answer.p99 / wall.answer.p99).toFixed(2)}×); ` +
        `${verdict(own.answer.cpuP99 <= cpu.answer.cpuP99)} in CPU time (${ms(own.answer.cpuP99)} ms vs ${variantName(cpu, false)} ${ms(cpu.answer.cpuP99)} ms, ${(own.answer.cpuP99 / cpu.answer.cpuP99).toFixed(2)}×).`,
    );
  }
  return lines;
}

/** Verdicts on the issue's targets, with ratios against the peers. */
function targetLines(results: BenchResults): string[] {
  const own = results.realSpeed.find((speed) => speed.engine === 'rtp-bot');
  const peersReal = results.realSpeed.filter((speed) => speed.engine !== 'rtp-bot');
  const largest = Math.max(...results.scaling.map((cell) => cell.size));
  const ownLarge = results.scaling.find((cell) => cell.engine === 'rtp-bot' && cell.size === largest);
  const peersLarge = results.scaling.filter((cell) => cell.engine !== 'rtp-bot' && cell.size === largest && !cell.error);
  const ownQuality = results.quality.find((result) => result.rule.kind === 'own');
  const peersQuality = results.quality.filter((result) => result.rule.kind !== 'own');
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  // The best peer's figure, and how rtp-bot compares with it (lower is better for every figure here).
  const ratio = (mine: number, theirs: { name: string; value: number }[]): string => {
    const best = theirs.filter((peer) => Number.isFinite(peer.value)).sort((a, b) => a.value - b.value)[0];
    if (!best) return '';
    const factor = best.value / mine;
    return `; best peer ${best.name} ${ms(best.value)}, so rtp-bot is ${factor >= 1 ? `${factor.toFixed(1)}× lower` : `${(1 / factor).toFixed(1)}× higher`}`;
  };
  const realPeers = (pick: (speed: (typeof peersReal)[number]) => number) => peersReal.map((peer) => ({ name: variantName(peer, false), value: pick(peer) }));
  const largePeers = (pick: (cell: ScaleCell) => number) => peersLarge.map((peer) => ({ name: peer.engine, value: pick(peer) }));
  const lines: string[] = issueTargetLines(results);
  if (own) {
    lines.push(
      `- Real knowledge base, answer p99 under 1 ms: ${verdict(own.answer.p99 < 1)} on the wall clock (${ms(own.answer.p99)} ms${ratio(
        own.answer.p99,
        realPeers((p) => p.answer.p99),
      )}); ` +
        `${verdict(own.answer.cpuP99 < 1)} in CPU time (${ms(own.answer.cpuP99)} ms${ratio(
          own.answer.cpuP99,
          realPeers((p) => p.answer.cpuP99),
        )}).`,
    );
    lines.push(
      `- Real knowledge base, load + validate + index under 300 ms: ${verdict(own.loadIndexMs < 300)} (${ms(own.loadIndexMs)} ms${ratio(
        own.loadIndexMs,
        realPeers((p) => p.loadIndexMs),
      )}).`,
    );
  }
  if (ownLarge && !ownLarge.error) {
    lines.push(
      `- ${sizeName(largest)} entries, query p99 under 50 ms with the bot's typo tolerance: ${verdict(ownLarge.query.p99 < 50)} on the wall clock (${ms(ownLarge.query.p99)} ms${ratio(
        ownLarge.query.p99,
        largePeers((p) => p.query.p99),
      )}); ` +
        `${verdict(ownLarge.query.cpuP99 < 50)} in CPU time (${ms(ownLarge.query.cpuP99)} ms${ratio(
          ownLarge.query.cpuP99,
          largePeers((p) => p.query.cpuP99),
        )}).`,
    );
    lines.push(
      `- ${sizeName(largest)} entries, index memory under 500 MB: ${verdict(ownLarge.heapMb < 500)} (${mb(ownLarge.heapMb)} MB${ratio(
        ownLarge.heapMb,
        largePeers((p) => p.heapMb),
      )}).`,
    );
  }
  if (ownQuality) {
    const bestPeerTop1 = Math.max(...peersQuality.map((result) => result.report.top1));
    const matched = peersQuality.filter((result) => !isOverall(result));
    const bestMatchedTop1 = Math.max(...matched.map((result) => result.report.top1));
    const bestPeerDeclines = Math.max(...peersQuality.filter(isOverall).map((result) => result.report.declineRate));
    lines.push(
      `- Quality, rtp-bot first on top-1: ${verdict(ownQuality.report.top1 >= bestPeerTop1)} against every peer configuration at its best threshold ` +
        `(${percent(ownQuality.report.top1)} vs best peer ${percent(bestPeerTop1)}); ${verdict(ownQuality.report.top1 >= bestMatchedTop1)} at equal declines (best peer ${percent(bestMatchedTop1)}).`,
    );
    lines.push(
      `- Quality, rtp-bot first on declines: ${verdict(ownQuality.report.declineRate >= bestPeerDeclines)} (${percent(ownQuality.report.declineRate)} vs best peer at its best threshold ${percent(bestPeerDeclines)}).`,
    );
  }
  return lines;
}

/** What a split was scored on, e.g. "165 in-scope and 39 out-of-scope questions from tests/eval/questions.yaml". */
function describeQuestionSet(set: BenchResults['questionSet']): string {
  const counts = `${set.inScope} in-scope, ${set.outOfScope} out-of-scope${set.vague ? ` and ${set.vague} vague` : ''} questions`;
  return set.files === undefined ? counts : `${counts} from ${set.files.join(' and ')}${set.missing.length > 0 ? `; ${set.missing.join(', ')} not there yet` : ''}`;
}

/** The two quality tables of one split: every engine at its best threshold, then at equal declines. */
function qualitySection(heading: string, quality: readonly QualityResult[]): string[] {
  return [
    heading,
    '',
    table(qualityHead, qualityRows(quality, isOverall)),
    '',
    'At equal declines (the threshold that declines as many out-of-scope questions as rtp-bot):',
    '',
    table(
      qualityHead,
      qualityRows(quality, (result) => result.rule.kind === 'own' || !isOverall(result)),
    ),
    '',
  ];
}

/** The held-out split's tables, scored with the thresholds picked on the tuned split, or why there are none. */
function heldOutSection(results: BenchResults): string[] {
  const heldOut = results.heldOut;
  if (heldOut === undefined) return ['### Held-out split', '', 'Not measured in this run.', ''];
  if (heldOut.quality.length === 0)
    return ['### Held-out split', '', `No held-out questions yet${heldOut.questionSet.missing.length > 0 ? ` (${heldOut.questionSet.missing.join(', ')} is not there)` : ''}.`, ''];
  return qualitySection(`### Held-out split (${describeQuestionSet(heldOut.questionSet)}; never tuned on, thresholds as picked on the tuned split)`, heldOut.quality);
}

/** A short axis label: 0.1 ms, 10 ms, 1 s, 100 s; 10 MB, 1 GB. */
function axisLabel(value: number, unit: 'ms' | 'MB'): string {
  const [big, factor] = unit === 'ms' ? ['s', 1000] : ['GB', 1000];
  const number = (n: number): string => (n >= 1 ? String(Math.round(n)) : n.toPrecision(1));
  return value >= factor ? `${number(value / factor)} ${big}` : `${number(value)} ${unit}`;
}

const palette = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e'];

/** A two-panel SVG chart: query p99 and index memory against knowledge base size, log-log. */
export function renderScalingSvg(results: BenchResults): string {
  const engines = [...new Set(results.scaling.map((cell) => cell.engine))];
  const sizes = [...new Set(results.scaling.map((cell) => cell.size))].sort((a, b) => a - b);
  const panel = (title: string, unit: 'ms' | 'MB', pick: (cell: ScaleCell) => number, left: number): string => {
    const width = 380;
    const height = 260;
    const top = 40;
    const values = results.scaling
      .filter((cell) => !cell.error)
      .map(pick)
      .filter((value) => Number.isFinite(value) && value > 0);
    const low = Math.pow(10, Math.floor(Math.log10(Math.min(...values))));
    const high = Math.pow(10, Math.ceil(Math.log10(Math.max(...values))));
    const x = (size: number): number =>
      left + 50 + ((Math.log10(size) - Math.log10(sizes[0]!)) / Math.max(1e-9, Math.log10(sizes[sizes.length - 1]!) - Math.log10(sizes[0]!))) * (width - 70);
    const y = (value: number): number => top + height - ((Math.log10(value) - Math.log10(low)) / Math.max(1e-9, Math.log10(high) - Math.log10(low))) * height;
    const parts = [`<text x="${left + width / 2}" y="20" text-anchor="middle" font-weight="bold">${title}</text>`];
    parts.push(`<line x1="${left + 50}" y1="${top + height}" x2="${left + width - 20}" y2="${top + height}" stroke="#333"/>`);
    parts.push(`<line x1="${left + 50}" y1="${top}" x2="${left + 50}" y2="${top + height}" stroke="#333"/>`);
    for (let decade = low; decade <= high * 1.0001; decade *= 10) {
      parts.push(`<line x1="${left + 46}" y1="${y(decade)}" x2="${left + width - 20}" y2="${y(decade)}" stroke="#ddd"/>`);
      parts.push(`<text x="${left + 44}" y="${y(decade) + 4}" text-anchor="end" font-size="11">${axisLabel(decade, unit)}</text>`);
    }
    for (const size of sizes) parts.push(`<text x="${x(size)}" y="${top + height + 16}" text-anchor="middle" font-size="11">${sizeName(size)}</text>`);
    parts.push(`<text x="${left + width / 2}" y="${top + height + 34}" text-anchor="middle" font-size="11">entries (log scale)</text>`);
    engines.forEach((engine, index) => {
      const points = results.scaling.filter((cell) => cell.engine === engine && !cell.error && pick(cell) > 0).sort((a, b) => a.size - b.size);
      const color = palette[index % palette.length];
      parts.push(
        `<polyline fill="none" stroke="${color}" stroke-width="${engine === 'rtp-bot' ? 3 : 1.5}" points="${points.map((cell) => `${x(cell.size).toFixed(1)},${y(pick(cell)).toFixed(1)}`).join(' ')}"/>`,
      );
      for (const cell of points) parts.push(`<circle cx="${x(cell.size).toFixed(1)}" cy="${y(pick(cell)).toFixed(1)}" r="3" fill="${color}"/>`);
    });
    return parts.join('\n');
  };
  const legend = engines
    .map(
      (engine, index) =>
        `<rect x="${60 + index * 150}" y="352" width="12" height="12" fill="${palette[index % palette.length]}"/><text x="${78 + index * 150}" y="362" font-size="12">${engine}</text>`,
    )
    .join('\n');
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="380" viewBox="0 0 800 380" font-family="sans-serif" font-size="12">',
    '<rect width="800" height="380" fill="white"/>',
    panel('Query p99 (with typo tolerance)', 'ms', (cell) => cell.query.p99, 0),
    panel('Index memory after build', 'MB', (cell) => cell.heapMb, 400),
    legend,
    '</svg>',
    '',
  ].join('\n');
}

/** The calibration tables: what rtp-bot's probabilities and confidence words promised, and how often they held. */
function calibrationSection(results: BenchResults): string[] {
  const calibration = results.calibration;
  if (!calibration) return [];
  const share = (right: number, count: number): string => (count === 0 ? '-' : `${((100 * right) / count).toFixed(1)}%`);
  const bands = (rows: readonly { from: number; to: number; count: number; predicted: number; observed: number }[]): string =>
    table(
      ['probability', 'answers', 'mean probability', 'right'],
      rows.map((band) => [
        `${band.from.toFixed(2)}–${band.to.toFixed(2)}`,
        String(band.count),
        band.predicted.toFixed(3),
        share(Math.round(band.observed * band.count), band.count),
      ]),
    );
  return [
    "### Calibration of rtp-bot's decision",
    '',
    'The decision model gives each answer a probability of being right, and words it as a confidence (high, medium, low) by thresholds chosen so that high should mean about 95% right. ' +
      'First, by confidence on the held-out split (never used to train or tune); then by probability on the held-out split; then, for comparison, the cross-validated bands on the tuned split that `npm run kb -- train` prints.',
    '',
    table(
      ['confidence shown', 'answers', 'right'],
      calibration.heldOut.byConfidence.map((row) => [row.confidence, String(row.answered), share(row.right, row.answered)]),
    ),
    '',
    bands(calibration.heldOut.bands),
    '',
    bands(calibration.trained),
    '',
  ];
}

/** Section 5: the one-shot answer and Slack's start, from the compiled dist/. */
function processStartSection(results: BenchResults): string[] {
  const { oneShot, slackStart } = results;
  if (!oneShot && !slackStart) return [];
  const runs = (values: readonly number[]): string => values.map((value) => Math.round(value)).join(', ');
  return [
    '## 5. One-shot answer and Slack start-up (compiled dist/)',
    '',
    'Each a fresh process from the compiled JavaScript that `npm run build` writes (built first when stale). ' +
      'The one-shot answer is timed from spawning to exit, beside a bare `node -e ""` in each round, so both see the same load; `KNOWLEDGE_CACHE_DIR` starts as an empty folder, ' +
      'so the first start reads the knowledge files and writes the cache, and the later ones read it. ' +
      "Slack over HTTP: `npm start` (its prestart build check included) with a stand-in for Slack's Web API on 127.0.0.1 and `HEALTH_PORT` set, " +
      'timed from spawning until `/readyz` answers 200 (the knowledge loaded, Slack listening), asked every few milliseconds; then the same for `node dist/adapters/start.js`, what `npm start` runs.',
    '',
    table(
      ['what', 'median (ms)', 'runs (ms)'],
      [
        ...(oneShot
          ? [
              ['bare `node -e ""`', ms(oneShot.bareMedianMs), runs(oneShot.bareMs)],
              ['one-shot answer, first start (builds the cache)', ms(oneShot.firstMs), runs([oneShot.firstMs])],
              ['one-shot answer, cache warm', ms(oneShot.warmMedianMs), runs(oneShot.warmMs)],
            ]
          : []),
        ...(slackStart
          ? [
              ['`npm start`, Slack over HTTP, to ready, first start (builds the cache)', ms(slackStart.npmFirstMs), runs([slackStart.npmFirstMs])],
              ['`npm start`, Slack over HTTP, to ready, cache warm', ms(slackStart.npmMedianMs), runs(slackStart.npmMs)],
              ['`node dist/adapters/start.js`, Slack over HTTP, to ready, cache warm', ms(slackStart.nodeMedianMs), runs(slackStart.nodeMs)],
            ]
          : []),
      ],
    ),
    '',
  ];
}

/** The whole report as Markdown (it reads fine in a terminal too). */
export function formatReport(results: BenchResults, chartFile = 'scaling.svg'): string {
  const { machine } = results;
  const sizes = [...new Set(results.scaling.map((cell) => cell.size))].sort((a, b) => a - b);
  const engines = [...new Set(results.scaling.map((cell) => cell.engine))];
  const lines: string[] = [
    '# rtp-bot benchmark',
    '',
    `Run ${machine.date} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.platform}, Node ${machine.node}; load average at start ${machine.loadAverageAtStart.join(' / ')} ` +
      `(the machine was shared, so timings carry noise). Took ${results.durationS} s. Reproduce with \`npm run bench\`.`,
    '',
    '## Targets',
    '',
    ...targetLines(results),
    '',
    '## 1. Quality',
    '',
    'Every engine indexes the same entries and fields (title, questions, tags, body; lists joined into one string). ' +
      'rtp-bot decides with its own confidence rule: answer, ask which of a few questions was meant (clarify), or decline. The peers have none, so each gets the same rule: answer with the top hit when its score reaches a threshold. ' +
      'Two thresholds are shown per peer, both picked on the tuned split (so they flatter the peers there): the one that gets the most questions right overall, ' +
      'and the best one that declines as many out-of-scope questions as rtp-bot does. Top-1 counts an in-scope question right only when the engine answers it with a right entry (a decline or a clarification is a miss). ' +
      `Answered or one click away also counts an in-scope question the engine did not answer but offered the right entry for: rtp-bot's clarification choices; a peer's top ${peerChoiceCount} whenever it does not answer (a peer cannot tell a clarification from a decline, so every non-answer counts as offering them, which is generous to the peers). ` +
      'Declines count plain declines of out-of-scope questions only (a clarification is not a decline). Rank-1, MRR and Recall@3 judge the ranking alone (10 deep), whatever the decision: rank-1 is the top-1 an engine would get if it never declined.',
    '',
    ...qualitySection(`### Tuned split (${describeQuestionSet(results.questionSet)})`, results.quality),
    ...heldOutSection(results),
    ...calibrationSection(results),
    'How each engine is configured:',
    '',
    ...[...new Map(results.quality.map((result) => [variantName(result, result.rule.kind === 'own'), result.configuration])).entries()].map(
      ([name, configuration]) => `- **${name}**: ${configuration}.`,
    ),
    '',
    '## 2. Speed on the real knowledge base',
    '',
    'Answering one question in-process (rtp-bot: `ask()`; peers: search plus the threshold), timed with `process.hrtime.bigint()` over many rounds of the question set after two warm-up rounds. ' +
      'CPU columns: `process.cpuUsage()` over the same calls, which other processes on a shared machine cannot inflate (wall-clock p99 there is mostly time slices lost to them). ' +
      'Load + index: reading and validating the knowledge files with the core loader, then building the engine (median of several runs). Memory: heap plus typed-array buffers held by the built index, after forced garbage collection.',
    '',
    table(
      ['engine', 'answer median (ms)', 'answer p99 (ms)', 'CPU median (ms)', 'CPU p99 (ms)', 'timed', 'load + index (ms)', 'memory (MB)'],
      results.realSpeed.map((speed) => [
        variantName(speed, speed.engine === 'rtp-bot'),
        ms(speed.answer.median),
        ms(speed.answer.p99),
        ms(speed.answer.cpuMedian),
        ms(speed.answer.cpuP99),
        String(speed.answer.samples),
        ms(speed.loadIndexMs),
        mb(speed.heapMb),
      ]),
    ),
    '',
    `## 3. Scaling (synthetic knowledge bases, seed ${results.synthetic.seed})`,
    '',
    `Synthetic entries copy each field's length from a random real entry and draw their words from word-pair chains learnt from the real entries' titles, questions and bodies ` +
      `(tags are drawn from the real tags), with ${percent(results.synthetic.newWordRate)} of words replaced by made-up names so the vocabulary grows with size. ` +
      `Mean entry size: ${results.synthetic.meanEntryChars.real} characters real, ${results.synthetic.meanEntryChars.synthetic} synthetic. ` +
      'Because every entry reuses the real vocabulary, common words (nhs, staff, mutual) appear in a large share of entries, as they do in the real knowledge base: a hard case for keyword search. ' +
      "Every engine runs with typo tolerance as close to the bot's as it allows (see the configurations above); the questions are the evaluation questions; each engine and size runs in a fresh process, " +
      'and the timed questions stop when the time budget runs out (see "timed").',
    '',
    table(
      ['entries', 'engine', 'build (ms)', 'memory (MB)', 'query median (ms)', 'query p99 (ms)', 'CPU p99 (ms)', 'timed'],
      results.scaling.map((cell) =>
        cell.error
          ? [sizeName(cell.size), cell.engine, 'failed', '', '', '', '', cell.error]
          : [sizeName(cell.size), cell.engine, ms(cell.buildMs), mb(cell.heapMb), ms(cell.query.median), ms(cell.query.p99), ms(cell.query.cpuP99), String(cell.query.samples)],
      ),
    ),
    '',
    `![Query p99 and index memory against knowledge base size](${chartFile})`,
    '',
    `How cost grows from ${sizeName(sizes[0] ?? 0)} to ${sizeName(sizes[sizes.length - 1] ?? 0)} entries (exponent of a power-law fit through the two ends: 1 is linear):`,
    '',
    ...engines.map((engine) => {
      const cells = results.scaling.filter((cell) => cell.engine === engine).sort((a, b) => a.size - b.size);
      return `- **${engine}**: build ${growthWords(cells, (cell) => cell.buildMs)}; memory ${growthWords(cells, (cell) => cell.heapMb)}; query median ${growthWords(cells, (cell) => cell.query.median)}; query p99 ${growthWords(cells, (cell) => cell.query.p99)}.`;
    }),
    '',
    '## 4. Start-up of the CLI',
    '',
    'Wall time from spawning `node --import tsx adapters/cli/ask.ts --json "What is the Right to Provide?"` to its exit after printing the answer (includes starting Node and compiling TypeScript with tsx). ' +
      'With the cache, `KNOWLEDGE_CACHE_DIR` points at an empty folder: the first start builds the cache, later starts read it.',
    '',
    table(
      ['knowledge', 'entries', 'cache', 'median (ms)', 'runs (ms)'],
      results.startup.map((start) => [start.knowledge, String(start.entries), start.cache, String(Math.round(start.medianMs)), start.runs.join(', ')]),
    ),
    '',
    ...processStartSection(results),
  ];
  return lines.join('\n');
}

/** Writes results.json, results.md and the chart into a folder. */
export function writeReport(results: BenchResults, dir: string): void {
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(dir, 'scaling.svg'), renderScalingSvg(results));
  writeFileSync(join(dir, 'results.md'), formatReport(results));
}
