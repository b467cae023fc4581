import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildReportData, displayPath, isoDay, KnowledgeError, makeDirectory, readKnowledge } from '../../../src/index.js';
import { knowledgeDirOf, readEnvironment } from '../../shared/settings.js';
import { kbExitCodes, parseCommandArgs, type KbCommand } from './command.js';
import { loadQuestionLog, logOptionHelp } from './question-log-file.js';
import { renderReportPage } from './report-page.js';
import { parseDay } from './stale.js';

const usage = `Usage: npm run kb -- report [--out report.html] [--to YYYY-MM-DD] [--log DIR|FILE|URL] [--knowledge DIR]

Writes one web page (default report.html) showing where the knowledge stands: questions per day by outcome
over the last 30 and 90 days, the answer rate and the share of 👍 week by week, the questions declined and
clarified most, each entry's use, ratings and last review, entries never asked, entries due for review,
and how many entries cite each source. The page is self-contained (no network, no scripts): open it in
any browser, print it, or attach it to an email.
  --to DATE   the last day the charts show (default: today)
${logOptionHelp}`;

export const reportCommand: KbCommand = {
  name: 'report',
  summary: 'write a web page with charts of questions, answers, ratings and reviews',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { out: { type: 'string' }, to: { type: 'string' }, log: { type: 'string' }, knowledge: { type: 'string' } });
    const today = values.to === undefined ? new Date() : parseDay(values.to, '--to');
    const dir = knowledgeDirOf(readEnvironment(), values.knowledge);
    const read = readKnowledge(dir);
    if (!read.knowledge) throw new KnowledgeError(read.issues.filter((issue) => issue.level === 'error'));
    const { path, records, inDatabase } = await loadQuestionLog(values.log);
    const data = buildReportData(records, read.knowledge, { today, locate: read.locate });
    const out = values.out ?? 'report.html';
    try {
      makeDirectory(dirname(resolve(out)));
      writeFileSync(out, renderReportPage(data, { knowledgeDir: displayPath(dir), logPath: inDatabase ? path : displayPath(path) }));
    } catch (error) {
      process.stderr.write(`could not write ${out} (${error instanceof Error ? error.message : String(error)})\n`);
      return kbExitCodes.problems;
    }
    process.stdout.write(`Wrote ${out}: ${data.totals.asked} questions, ${data.entries.length} entries, ${data.stale.length} due for review, up to ${isoDay(today)}.\n`);
    return kbExitCodes.ok;
  },
};
