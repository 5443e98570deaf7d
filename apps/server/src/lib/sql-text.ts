/** `%text%` for ILIKE, with the user's own `%`, `_` and `\` matching literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
