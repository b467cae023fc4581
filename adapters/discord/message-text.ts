/**
 * Discord mention markup (`@everyone`, `@here`, `<@id>`, `<@&role>`, `<#channel>`)
 * is not part of a question: taking it out keeps it from skewing the search.
 */
export function removeMentions(text: string): string {
  return text
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/(?<![\w.@])@(?:everyone|here)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
