/**
 * Colour for the command-line tools, only where a person reads it: every
 * `npm run ask`, `eval` and `kb` command styles its output through a
 * {@link Palette} from {@link paletteFor}, so a file or a pipe gets plain text.
 */

/** Styles text for a terminal; each function returns its input unchanged when colour is off. */
export interface Palette {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/** A stream that may be a terminal (`process.stdout`, `process.stderr`). */
export interface MaybeTerminal {
  isTTY?: boolean;
}

/**
 * Whether to colour output written to `stream`, following the usual
 * conventions, in this order: `FORCE_COLOR` set to anything but `0` or
 * `false` turns colour on and `FORCE_COLOR=0` (or `false`) turns it off, even
 * for a terminal (https://force-color.org); otherwise `NO_COLOR` set to
 * anything turns it off (https://no-color.org), and so does `TERM=dumb`;
 * otherwise colour is on only when the stream is a terminal. Empty values
 * count as unset.
 */
export function shouldColour(stream: MaybeTerminal, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR || env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;
const same = (text: string): string => text;

/** A palette that styles (`enabled`) or leaves text as it is. */
export function createPalette(enabled: boolean): Palette {
  if (!enabled) return { enabled, bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };
  return { enabled, bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };
}

/** Plain text: the palette for JSON, logs and tests. */
export const plain: Palette = createPalette(false);

/** The palette for output written to `stream` (see {@link shouldColour}). */
export function paletteFor(stream: MaybeTerminal, env: NodeJS.ProcessEnv = process.env): Palette {
  return createPalette(shouldColour(stream, env));
}
