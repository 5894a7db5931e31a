/** `"name"` for SQL; names are validated when options are built, this also doubles any quote. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
