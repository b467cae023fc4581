import { describeError } from '../shared/settings.js';
import { main as evalMain } from './eval.js';
import { checkCommand } from './kb/check.js';
import { kbExitCodes, type KbCommand } from './kb/command.js';
import { exitCodeOf, kbFailureCodes, UsageError } from '../shared/exit-codes.js';
import { gapsCommand } from './kb/gaps.js';
import { logCommand } from './kb/log.js';
import { newCommand } from './kb/new-entry.js';
import { reportCommand } from './kb/report.js';
import { staleCommand } from './kb/stale.js';
import { statsCommand } from './kb/stats.js';
import { suggestCommand } from './kb/suggest.js';
import { trainCommand } from './kb/train.js';
import { verifyCommand } from './kb/verify.js';
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';

const evalCommand: KbCommand = {
  name: 'eval',
  summary: 'run the evaluation questions (tuned and held-out splits); --compare REF shows which answers an edit changed',
  usage: 'Usage: npm run kb -- eval [--knowledge DIR] [--eval-dir DIR | --questions FILE...] [--json] [--compare REF]',
  run: evalMain,
};

/** Every `npm run kb` command. */
export const kbCommands: KbCommand[] = [
  checkCommand,
  verifyCommand,
  evalCommand,
  trainCommand,
  newCommand,
  gapsCommand,
  suggestCommand,
  staleCommand,
  reportCommand,
  statsCommand,
  logCommand,
];

const overview = `Usage: npm run kb -- <command> [options]     (npm run kb -- <command> --help for details)

Commands:
${kbCommands.map((command) => `  ${command.name.padEnd(Math.max(...kbCommands.map((other) => other.name.length)))}  ${command.summary}`).join('\n')}

Exit codes: 0 fine, 1 problems found or refused (or the question log's database unreachable), 2 usage, 3 invalid knowledge files, 4 internal error.`;

/** The `kb` tool for knowledge maintainers. Returns the exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${overview}\n`);
    return name === undefined ? kbExitCodes.usage : kbExitCodes.ok;
  }
  const command = kbCommands.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${overview}\n`);
    return kbExitCodes.usage;
  }
  if (command !== evalCommand && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(`${command.usage}\n`);
    return kbExitCodes.ok;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${command.usage}\n`);
      return kbExitCodes.usage;
    }
    process.stderr.write(`${describeError(error)}\n`);
    return exitCodeOf(error, kbFailureCodes);
  }
}

exitQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
