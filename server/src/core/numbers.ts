/** How many decimals a number from a file has, as JavaScript writes it (0.25 → 2, 4.0 → 0). */
export function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 || text.includes('e') ? 0 : text.length - dot - 1;
}

/** The spaces people put between groups of thousands (`1 088,1`), as a regular expression class: space, no-break, narrow no-break and thin space. */
export const THOUSANDS_SPACE = '[ \\u00a0\\u202f\\u2009]';
