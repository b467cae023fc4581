/**
 * Whether a person is asking for help rather than asking a question: "help" or
 * "?" alone. Every adapter answers it with example questions, not a search.
 */
export function isHelpRequest(text: string): boolean {
  return /^\s*(help|\?)\s*$/i.test(text);
}

/** Why a question cannot be searched at all, as a polite message; `null` when it can. */
export function checkQuestion(question: string, maxLength: number): string | null {
  if (question.trim().length === 0) {
    return 'Please type a question, for example "What is the Right to Provide?"';
  }
  // Tabs and line breaks are ordinary in pasted text; other control characters never are.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(question)) {
    return 'Your question contains control characters. Please type it again as plain text.';
  }
  if (question.length > maxLength) {
    return `Your question is ${question.length} characters long. Please keep it under ${maxLength} characters: one short question works best.`;
  }
  if (!/[\p{L}\p{N}]/u.test(question)) {
    return 'That does not look like a question: please use words, for example "Who can use the Right to Provide?"';
  }
  return null;
}

/**
 * Cuts a question to at most `maxLength` UTF-16 units without splitting a
 * surrogate pair, so a too-long question can be echoed back (and logged)
 * without echoing thousands of characters or half an emoji.
 */
export function cutQuestion(question: string, maxLength: number): string {
  if (question.length <= maxLength) return question;
  const end = Math.max(0, Math.floor(maxLength));
  const last = question.charCodeAt(end - 1);
  return question.slice(0, last >= 0xd800 && last <= 0xdbff ? end - 1 : end);
}
