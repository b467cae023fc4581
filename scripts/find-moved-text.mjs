#!/usr/bin/env node
// node scripts/find-moved-text.mjs OLD NEW...
//
// After moving text between Markdown pages: lists each sentence (and each line of code, and each table
// cell) of OLD that none of the NEW files holds any more, with its line in OLD, and exits 1 if there is
// any. Links compare by their text (their targets change when text moves to another folder), and
// emphasis, code marks and line breaks do not count. To check against a committed version:
//   git show main:README.md > /tmp/old-README.md
//   node scripts/find-moved-text.mjs /tmp/old-README.md README.md docs/*.md knowledge/README.md SECURITY.md
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt();

/** Markdown inline source as plain words: link text without targets, no emphasis or code marks, one space. */
function normalise(text) {
  return text
    .normalize('NFC')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s.,;:)!?]|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The units of a Markdown text that must survive a move: sentences of prose, lines of code. */
function units(text) {
  const found = [];
  for (const token of markdown.parse(text, {})) {
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.type === 'inline') {
      const sentences = normalise(token.content).split(/(?<=[.!?:])\s+(?=[A-Z0-9"“(`*[])/);
      for (const sentence of sentences) if (sentence !== '') found.push({ line, text: sentence });
    } else if (token.type === 'fence' || token.type === 'code_block') {
      token.content.split('\n').forEach((code, offset) => {
        const text = normalise(code);
        if (text !== '') found.push({ line: line + offset + (token.type === 'fence' ? 1 : 0), text });
      });
    }
  }
  return found;
}

const [oldFile, ...newFiles] = process.argv.slice(2);
if (!oldFile || newFiles.length === 0) {
  process.stderr.write('usage: node scripts/find-moved-text.mjs OLD NEW...\n');
  process.exit(2);
}
const corpus = newFiles.flatMap((file) => units(readFileSync(file, 'utf8')).map(({ text }) => text)).join('\n');
const oldUnits = units(readFileSync(oldFile, 'utf8'));
const missing = oldUnits.filter(({ text }) => !corpus.includes(text));
for (const { line, text } of missing) process.stdout.write(`${oldFile}:${line}: ${text}\n`);
process.stdout.write(`${oldUnits.length - missing.length} of ${oldUnits.length} found; ${missing.length} not found as they were\n`);
process.exit(missing.length > 0 ? 1 : 0);
