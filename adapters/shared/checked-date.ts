/**
 * "Checked 31 January 2026": when someone last checked the answer's entry
 * against its sources, for the line under an answer; `null` when the answer
 * carries no such date.
 */
export function checkedNote(answer: { reviewed?: string | null }): string | null {
  const reviewed = answer.reviewed;
  if (!reviewed || !/^\d{4}-\d{2}-\d{2}$/.test(reviewed)) return null;
  const date = new Date(`${reviewed}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return null;
  return `Checked ${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}`;
}
