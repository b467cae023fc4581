import fc from 'fast-check';

/**
 * Pieces of text that have broken chat bots and search engines before: control
 * characters, bidi overrides, zero-width and combining marks, lone surrogates,
 * case mappings that change length, emoji sequences, regex metacharacters,
 * Slack and Discord markup, and our own domain words so that some strings
 * actually reach the search.
 */
/** Words the knowledge base knows, and number and money forms the text pipeline rewrites. */
const domainPieces: readonly string[] = [
  'right to provide',
  'Right to Request',
  'rights to the',
  'r2p',
  'co-op',
  'mutual',
  'NHS',
  'social enterprise',
  'staff',
  'spin out',
  'TUPE',
  'pension',
  '£1bn',
  '$5m',
  '50%',
  '1,000',
  '3.5',
  'per cent',
  "who's",
  '’',
  'what is',
  '?',
  ' ',
  '  ',
];

export const hostilePieces: readonly string[] = [
  // control characters, including the ones `checkQuestion` lets through
  '\u0000',
  '\u0007',
  '\u0008',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u000B',
  '\u000C',
  '\u001B[31m',
  '\u007F',
  '\u0085',
  '\u009F',
  // bidi, zero-width, BOM, odd spaces
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202E',
  '\u2066',
  '\u2069',
  '\u061C',
  '\u200B',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00A0',
  '\u3000',
  '\u2028',
  '\u2029',
  // lone surrogates and combining marks
  '\uD800',
  '\uDFFF',
  '\uDBFF\uDBFF',
  '\u0301',
  '\u0301\u0301\u0301\u0301',
  'e\u0301',
  '\u20DD',
  // case and normalisation surprises
  'İ',
  'ß',
  'ﬁ',
  'Ǆ',
  'ǅ',
  'Å',
  'Ω',
  '①',
  '⁵',
  'ｗｉｄｅ',
  '𝕽𝖎𝖌𝖍𝖙',
  // emoji, flags, ZWJ sequences, skin tones
  '👍',
  '👎🏿',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇬🇧',
  '🙂',
  '\u{1F600}',
  // other scripts
  'حق التوفير',
  'זכות',
  '权利',
  'право',
  'ऋषि',
  '한국어',
  'ᚠᛇᚻ',
  // regex and template metacharacters
  '.*',
  '+?',
  '^$',
  '${x}',
  '{2,}',
  '(?<=a)',
  '[^]',
  '\\',
  '\\d',
  '|',
  '(((((a)*)*)*)*)',
  '$&',
  '$1',
  '%s',
  '%n',
  '{{x}}',
  '`',
  '```',
  // Slack markup
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0123ABCD>',
  '<@W1|bob>',
  '<!subteam^S123|@team>',
  '<#C123|general>',
  '<https://example.com|click>',
  '*bold*',
  '_it_',
  '~x~',
  '&lt;',
  '&amp;',
  // Discord markup
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&1>',
  '<#1>',
  '<:rtp:123>',
  '<t:0:R>',
  '||spoiler||',
  '**',
  '> ',
  '# ',
  ...domainPieces,
];

const piece = fc.constantFrom(...hostilePieces);

/** A string of hostile pieces; mostly short, sometimes thousands of characters. */
const mixed = fc.array(piece, { maxLength: 2000, size: 'medium' }).map((parts) => parts.join(''));

/** Any Unicode code points at all (no lone surrogates: those come from `hostilePieces`). */
const anyUnicode = fc.string({ unit: 'binary', maxLength: 20_000, size: 'medium' });

/** Printable text from every script, as a person might paste it. */
const graphemes = fc.string({ unit: 'grapheme', maxLength: 600, size: 'large' });

/** Domain words with hostile pieces in between: these get past validation and into the search. */
const searchable = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...domainPieces) }, { weight: 1, arbitrary: piece }), { maxLength: 80 })
  .map((parts) => parts.join(' '));

/** Text right around the length limit, padded with spaces that trimming removes. */
const nearLimit = fc
  .tuple(fc.integer({ min: 480, max: 520 }), fc.constantFrom('a', 'é', '👍', 'right to provide ', '\u0301'), fc.nat({ max: 40 }))
  .map(([length, unit, padding]) => `${' '.repeat(padding)}${unit.repeat(length).slice(0, length)}${'\t'.repeat(padding)}`);

/** A long flood, up to 20,000 characters, of one repeated piece or arbitrary text. */
const flood = fc.tuple(piece, fc.integer({ min: 1000, max: 20_000 })).map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

/** Hostile strings of up to 20,000 characters. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: mixed },
  { weight: 4, arbitrary: searchable },
  { weight: 2, arbitrary: anyUnicode },
  { weight: 2, arbitrary: graphemes },
  { weight: 1, arbitrary: nearLimit },
  { weight: 1, arbitrary: flood },
);

/** How many cases each property tries: small by default so `npm test` stays quick; raise with FUZZ_RUNS for a deep run. */
export const fuzzRuns = Number(process.env.FUZZ_RUNS) > 0 ? Number(process.env.FUZZ_RUNS) : 150;
