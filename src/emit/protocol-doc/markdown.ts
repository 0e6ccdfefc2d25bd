// Small Markdown helpers for generated documents.

/** Escapes text for a table cell: pipes and line breaks. */
export function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll(/\r?\n/g, " ");
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(" | ")} |`);
  return lines.join("\n");
}

export const code = (text: string): string => `\`${text.replaceAll("`", "'")}\``;
