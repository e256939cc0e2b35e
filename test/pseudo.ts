/**
 * The pseudo-locale marks every catalogue text ⟦like this⟧, and a message
 * inside another one inside its own marks. The tests that hold every word a
 * person sees to the catalogue take the marked parts out and look at what is
 * left.
 */

/** `text` with every marked part, nested ones too, replaced by a space: the words that did not come from the catalogue. */
export function outsideMarks(text: string): string {
  let rest = text;
  for (let before = ''; before !== rest;) [before, rest] = [rest, rest.replace(/⟦[^⟦⟧]*⟧/g, ' ')];
  return rest;
}
