/** Month names as en-GB writes them in full. */
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * "Checked 31 January 2026": when someone last checked the answer's entry
 * against its sources, for the line under an answer; `null` when the answer
 * carries no such date. Written out by hand, the way en-GB's long date reads,
 * because the first `toLocaleDateString` of a process loads the locale data:
 * about a tenth of a one-shot answer's time.
 */
export function checkedNote(answer: { reviewed?: string | null }): string | null {
  const reviewed = answer.reviewed;
  if (!reviewed || !/^\d{4}-\d{2}-\d{2}$/.test(reviewed)) return null;
  const date = new Date(`${reviewed}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return null;
  return `Checked ${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
