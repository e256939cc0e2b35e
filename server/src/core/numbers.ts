/** How many decimals a number from a file has, as JavaScript writes it (0.25 → 2, 4.0 → 0). */
export function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 || text.includes('e') ? 0 : text.length - dot - 1;
}
