// JSON for files people diff: two-space indentation, a final newline, and
// object keys in ordinal order at every depth, so the same data always gives
// the same bytes whatever order its keys were built in. Arrays keep theirs.

export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const source = (value as { toJSON?: () => unknown }).toJSON?.() ?? value;
  if (source !== value) return sortKeys(source);
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(ordinal)) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

export const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
