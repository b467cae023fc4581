import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hash of the sources a bundle was built from, compiled in by `npm run build` (scripts/build.mjs); absent elsewhere. */
declare const RTP_CODE_VERSION: string | undefined;

let version: string | undefined;

/** A hash of every source and data file of the core (src/, or dist/src/ compiled), read where this module lies. */
function hashCoreFiles(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const item of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, item.name);
      if (item.isDirectory()) walk(path);
      else if (/\.(?:[cm]?[jt]s|json)$/.test(item.name)) hash.update(`${item.name}\0`).update(readFileSync(path)).update('\0');
    }
  };
  try {
    walk(dirname(fileURLToPath(import.meta.url)));
  } catch {
    // Unreadable sources: the caches are still keyed by everything else they are made from.
  }
  return hash.digest('hex');
}

/**
 * The version of the core's code, for keying on-disk caches: when the
 * knowledge loader, the text pipeline or the scoring changes, caches made by
 * other code no longer apply. A bundle carries the hash of the sources it was
 * built from; otherwise the core's own files are hashed, once per process.
 */
export function codeVersion(): string {
  version ??= typeof RTP_CODE_VERSION === 'string' ? RTP_CODE_VERSION : hashCoreFiles();
  return version;
}
