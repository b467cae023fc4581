import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeVersion } from '../code-version.js';
import { makeDirectory } from '../make-directory.js';
import type { KnowledgeBase } from '../types.js';
import { loadKnowledge } from './load-knowledge.js';

/** What {@link loadKnowledgeCached} did, for logs and the benchmark. */
export interface KnowledgeCacheReport {
  knowledge: KnowledgeBase;
  /** `hit`: read from the cache; `miss`: loaded, validated and saved; `unsaved`: loaded, but the cache could not be written. */
  cache: 'hit' | 'miss' | 'unsaved';
  /** The cache key: a hash of the knowledge files, the core's code and whatever else the caller keys it by. */
  key: string;
  /** True when a cache file with this key was there but damaged (it was rebuilt). */
  damaged: boolean;
}

// 3: entries carry owner, reviewed and reviewEveryDays, and the knowledge its reviewEveryDays.
// 4: keyed by the core's code too, and every cache file checked against a hash of its content.
const cacheFormat = 4;
const cachePrefix = 'knowledge-';

/** A cache file starts with the hex SHA-256 of the rest of it and a newline, so a damaged file is never read as a good one. */
const digestLength = 64;
const digestOf = (content: Uint8Array): string => createHash('sha256').update(content).digest('hex');

/**
 * Reads a cache file written by {@link replaceCacheFile}: its content, or
 * `null` when there is none, and `'damaged'` when one is there but its content
 * does not match its hash (a disk error, a hand edit, a different writer).
 */
export function readCacheFile(file: string): Buffer | null | 'damaged' {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch {
    return null;
  }
  const content = raw.subarray(digestLength + 1);
  if (raw.length <= digestLength || raw[digestLength] !== 0x0a || raw.toString('latin1', 0, digestLength) !== digestOf(content)) return 'damaged';
  return content;
}

/**
 * Saves one cache file in a cache folder, replacing the older files of the
 * same kind (same name prefix and suffix). Written under another name first and
 * renamed, so a reader never sees half a file; the hash of its content goes
 * first, so {@link readCacheFile} can tell a damaged one.
 * @returns whether the file was saved; a folder that cannot be written only means no cache.
 */
export function replaceCacheFile(cacheDir: string, prefix: string, suffix: string, name: string, content: string | Uint8Array): boolean {
  try {
    makeDirectory(cacheDir);
    for (const old of readdirSync(cacheDir)) if (old.startsWith(prefix) && old.endsWith(suffix)) rmSync(join(cacheDir, old), { force: true });
    const file = join(cacheDir, `${prefix}${name}${suffix}`);
    const partial = `${file}.${process.pid}.partial`;
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    writeFileSync(partial, Buffer.concat([Buffer.from(`${digestOf(bytes)}\n`, 'latin1'), bytes]));
    renameSync(partial, file);
    return true;
  } catch {
    return false;
  }
}

/** Every file under a folder, in a fixed order, as paths relative to it. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((item) => {
      const path = prefix ? `${prefix}/${item.name}` : item.name;
      return item.isDirectory() ? listFiles(dir, path) : item.isFile() ? [path] : [];
    });
}

/** A hash of every file's name and content in a knowledge folder: any edit, addition or removal changes it. */
export function hashKnowledgeFiles(dir: string): string {
  const hash = createHash('sha256');
  hash.update(`rtp-bot knowledge cache ${cacheFormat}\0`);
  for (const path of listFiles(dir)) {
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(dir, path)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Loads a knowledge folder through an on-disk cache. Reading YAML and
 * validating it is most of the start-up time (with a few dozen files as with
 * thousands); the validated result is saved as one JSON file keyed by a hash
 * of all the knowledge files and of the core's code (and `extraKey`, such as
 * the decision model), so the next start only reads and hashes the files.
 * A missing or stale cache is rebuilt, and so is a damaged one (its content no
 * longer matches the hash it was saved with); a cache folder that cannot be
 * written only means no cache.
 * @param dir The knowledge folder.
 * @param cacheDir A folder the cache may own (created if missing); older cache files in it are removed.
 * @param extraKey Anything else the cache must be rebuilt for when it changes.
 * @throws {KnowledgeError} when the knowledge folder is invalid.
 */
export function loadKnowledgeCached(dir: string, cacheDir: string, extraKey = ''): KnowledgeCacheReport {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return { knowledge: loadKnowledge(dir), cache: 'unsaved', key: '', damaged: false };
  const key = createHash('sha256').update(`${hashKnowledgeFiles(dir)}\0${codeVersion()}\0${extraKey}`).digest('hex');
  const file = join(cacheDir, `${cachePrefix}${key}.json`);
  const content = readCacheFile(file);
  let damaged = content === 'damaged';
  if (content !== null && content !== 'damaged') {
    try {
      const cached = JSON.parse(content.toString('utf8')) as { format?: number; knowledge?: KnowledgeBase };
      if (cached.format === cacheFormat && cached.knowledge && Array.isArray(cached.knowledge.entries)) {
        return { knowledge: { ...cached.knowledge, dir }, cache: 'hit', key, damaged: false };
      }
    } catch {
      // Its hash matched, but it is not ours: rebuilt below like a damaged one.
    }
    damaged = true;
  }
  const knowledge = loadKnowledge(dir);
  const saved = replaceCacheFile(cacheDir, cachePrefix, '.json', key, JSON.stringify({ format: cacheFormat, knowledge }));
  return { knowledge, cache: saved ? 'miss' : 'unsaved', key, damaged };
}
