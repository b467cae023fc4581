import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { codeVersion } from '../code-version.js';
import { readCacheFile, replaceCacheFile } from '../knowledge/knowledge-cache.js';
import type { Entry, KnowledgeBase } from '../types.js';
import { buildIndexData, searchIndexOf, type IndexData, type MatchOptions, type SearchIndex, type TermPipeline } from './search-index.js';

/** What happened to the index cache. */
export type IndexCacheOutcome = 'hit' | 'miss' | 'unsaved';

// Format 2 added each posting's field mask; 3, the hash of the content before it.
const cacheFormat = 3;
const cachePrefix = 'index-';

/** The cache key of an index: the core's code, and everything the postings are computed from. */
export function indexCacheKey(inputs: unknown): string {
  return createHash('sha256').update(`${cacheFormat}\0${codeVersion()}\0`).update(JSON.stringify(inputs)).digest('hex');
}

/** Packs index data as one binary file: a JSON header, then every posting list's entry numbers, then their worths, then their field masks. */
function encode(data: IndexData): Buffer {
  const counts = data.postings.map((postings) => postings.docs.length);
  const header = Buffer.from(JSON.stringify({ format: cacheFormat, ids: data.ids, fields: data.fields, terms: data.terms, counts }));
  const total = counts.reduce((sum, count) => sum + count, 0);
  // The number arrays start on 8-byte boundaries so they can be read in place.
  const docsAt = Math.ceil((4 + header.length) / 8) * 8;
  const impactsAt = docsAt + Math.ceil((total * 4) / 8) * 8;
  const masksAt = impactsAt + total * 8;
  const file = Buffer.alloc(masksAt + total);
  file.writeUInt32LE(header.length, 0);
  header.copy(file, 4);
  const docs = new Int32Array(file.buffer, file.byteOffset + docsAt, total);
  const impacts = new Float64Array(file.buffer, file.byteOffset + impactsAt, total);
  const fieldMasks = new Uint8Array(file.buffer, file.byteOffset + masksAt, total);
  let at = 0;
  for (const postings of data.postings) {
    docs.set(postings.docs, at);
    impacts.set(postings.impacts, at);
    fieldMasks.set(postings.fieldMasks, at);
    at += postings.docs.length;
  }
  return file;
}

function decode(raw: Buffer): IndexData | null {
  // Typed arrays need aligned memory; a file read into a shared pool, or past a header, may not be.
  const file = raw.byteOffset % 8 === 0 ? raw : Buffer.from(raw);
  const headerLength = file.readUInt32LE(0);
  const header = JSON.parse(file.toString('utf8', 4, 4 + headerLength)) as { format?: number; ids?: string[]; fields?: string[]; terms?: string[]; counts?: number[] };
  const { ids, fields, terms, counts } = header;
  if (header.format !== cacheFormat || !ids || !fields || !terms || !counts || counts.length !== terms.length) return null;
  const total = counts.reduce((sum, count) => sum + count, 0);
  const docsAt = Math.ceil((4 + headerLength) / 8) * 8;
  const impactsAt = docsAt + Math.ceil((total * 4) / 8) * 8;
  const masksAt = impactsAt + total * 8;
  if (file.length !== masksAt + total) return null;
  const docs = new Int32Array(file.buffer, file.byteOffset + docsAt, total);
  const impacts = new Float64Array(file.buffer, file.byteOffset + impactsAt, total);
  const fieldMasks = new Uint8Array(file.buffer, file.byteOffset + masksAt, total);
  let at = 0;
  const postings = counts.map((count) => {
    const slice = { docs: docs.subarray(at, at + count), impacts: impacts.subarray(at, at + count), fieldMasks: fieldMasks.subarray(at, at + count) };
    at += count;
    return slice;
  });
  return { ids, fields, terms, postings };
}

/**
 * Reads index data from the cache folder when a cache with this key is there,
 * or builds it and saves it. A damaged cache is rebuilt; a folder that cannot
 * be written only means no cache. Older index caches in the folder are removed.
 */
export function loadOrBuildIndexData(cacheDir: string, key: string, build: () => IndexData): { data: IndexData; cache: IndexCacheOutcome } {
  const file = join(cacheDir, `${cachePrefix}${key}.bin`);
  const content = readCacheFile(file);
  if (content !== null && content !== 'damaged') {
    try {
      const data = decode(content);
      if (data) return { data, cache: 'hit' };
    } catch {
      // Its hash matched, but it is not ours: rebuilt.
    }
  }
  const data = build();
  return { data, cache: replaceCacheFile(cacheDir, cachePrefix, '.bin', key, encode(data)) ? 'miss' : 'unsaved' };
}

/**
 * {@link createSearchIndex} through the on-disk cache: the postings are read
 * back when the knowledge, the synonyms, the fields, the boosts and the core's
 * code are all unchanged, and computed and saved otherwise.
 */
export function createCachedSearchIndex(
  knowledge: KnowledgeBase,
  fields: readonly (keyof Entry)[],
  pipeline: TermPipeline,
  options: MatchOptions,
  cacheDir: string,
): { index: SearchIndex; cache: IndexCacheOutcome } {
  const key = indexCacheKey({
    fields,
    boost: fields.map((field) => options.boost[field] ?? 1),
    bm25: options.bm25 ?? null,
    synonyms: knowledge.synonyms,
    entries: knowledge.entries.map((entry) => fields.map((field) => entry[field])),
    ids: knowledge.entries.map((entry) => entry.id),
  });
  const { data, cache } = loadOrBuildIndexData(cacheDir, key, () => buildIndexData(knowledge.entries, fields, pipeline, options));
  return { index: searchIndexOf(data, pipeline, options), cache };
}
