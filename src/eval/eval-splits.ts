import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A named group of evaluation question set files, reported together. */
export interface EvalSplit {
  /** `tuned` or `held-out` (or a name for files given on the command line). */
  name: string;
  /** What it is for, shown beside its name. */
  purpose: string;
  /** Held out: never tuned on, so reports show its figures only, never its questions. */
  heldOut: boolean;
  /** Its files; any that are not there are skipped with a note. */
  files: string[];
}

/** The folder that holds the evaluation's question set files. */
export const defaultEvalDir = fileURLToPath(new URL('../../tests/eval', import.meta.url));

/**
 * The evaluation's splits in a folder: `tuned` (questions.yaml,
 * unseen-tuned.yaml and unseen-2-tuned.yaml: tune the bot on these) and
 * `held-out` (unseen-held-out.yaml and unseen-2-held-out.yaml: never tune on these).
 */
export function evalSplitsIn(dir: string): EvalSplit[] {
  return [
    { name: 'tuned', purpose: 'tune the bot on these', heldOut: false, files: [join(dir, 'questions.yaml'), join(dir, 'unseen-tuned.yaml'), join(dir, 'unseen-2-tuned.yaml')] },
    {
      name: 'held-out',
      purpose: 'never tune on these: figures only, no questions',
      heldOut: true,
      files: [join(dir, 'unseen-held-out.yaml'), join(dir, 'unseen-2-held-out.yaml')],
    },
  ];
}

/** Whether a file given by name looks held out, so its questions are never printed either. */
export const looksHeldOut = (path: string): boolean => /held-?out/i.test(basename(path));
