import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../../shared/exit-codes.js';

/** One `npm run kb -- <name>` command, in the shape of the discord.js guide's `{ data, execute }`. */
export interface KbCommand {
  name: string;
  /** One line for the list of commands. */
  summary: string;
  /** The full usage text. */
  usage: string;
  /** Runs the command; returns the exit code. May throw: `kb` turns errors into messages. */
  run(argv: string[]): Promise<number> | number;
}

/** Exit codes of `npm run kb`, the same for every command. */
export const kbExitCodes = {
  ok: 0,
  /** Problems were found (check), or the command refused (new). */
  problems: 1,
  usage: 2,
  knowledge: 3,
  internal: 4,
} as const;

/** `parseArgs` that reports bad arguments as a {@link UsageError}. */
export function parseCommandArgs<Options extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: Options, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
