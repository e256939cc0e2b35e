import { isScalar, visit, YAMLParseError, type Document } from 'yaml';

/**
 * Adds yaml's `Map keys must be unique` errors to a document parsed with
 * `uniqueKeys: false`. yaml's own check compares each key with every key
 * before it, so one mapping of 40,000 keys takes seconds to parse; this finds
 * the same duplicates (scalar keys with equal values, NaN never repeating,
 * other keys only themselves) with one set per mapping, at the same offsets,
 * and adds the first `limit` of them (by offset).
 */
export function addDuplicateKeyErrors(document: Document.Parsed, limit: number): Document.Parsed {
  const offsets: number[] = [];
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key) || key.value !== key.value) continue;
        if (seen.has(key.value)) offsets.push(key.range?.[0] ?? 0);
        else seen.add(key.value);
      }
    },
  });
  if (offsets.length === 0) return document;
  // Only the first few are ever shown: an error object for each of 40,000 repeated keys would cost more than the parse.
  const first = offsets.sort((a, b) => a - b).slice(0, limit);
  document.errors.push(...first.map((start) => new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique')));
  // In the order of the text, as yaml reports them while it reads.
  document.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  return document;
}
