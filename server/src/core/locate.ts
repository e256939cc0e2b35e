import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Place } from './fast-yaml';
import type { DataPath, NodeAt, Span } from './types';

export type { NodeAt };

/**
 * Where on a property a finding lands: its key or its value; `first-key` is
 * the value, but a mapping is pointed at by its first key (a missing property).
 */
export type Anchor = 'key' | 'value' | 'first-key';

/** A node's span up to the end of its value, without trailing comments. */
function spanOf(node: Node | null | undefined): Span | undefined {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

function keyMatches(pair: Pair, key: string | number): boolean {
  const k = pair.key;
  return isScalar(k) ? String(k.value) === String(key) : false;
}

function deref(document: Document, node: unknown): unknown {
  // Bounded: each alias resolves to an anchored node, never to another alias.
  return isAlias(node) ? node.resolve(document) : node;
}

/**
 * The span of a property's key or value, found by walking the YAML nodes
 * along `path`. When the path ends early (the property is missing), the span
 * of the deepest node found is returned, so a finding always has a place.
 */
export function locate(document: Document, path: DataPath, anchor: Anchor = 'value'): Span {
  return locateFrom(document.contents, path, anchor, document);
}

/**
 * `locate` from a node down: `path` is relative to it. Aliases are followed
 * only with the document they belong to.
 */
export function locateFrom(start: unknown, path: DataPath, anchor: Anchor = 'value', document?: Document): Span {
  let node: unknown = start;
  let keySpan: Span | undefined;
  let fallback: Span = spanOf(start as Node) ?? { start: 0, end: 0 };
  for (const segment of path) {
    node = document ? deref(document, node) : node;
    let next: unknown;
    keySpan = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyMatches(p, segment));
      if (pair) {
        keySpan = spanOf(pair.key as Node);
        next = pair.value;
        const empty = next === null || next === undefined || (isScalar(next) && !!next.range && next.range[0] === next.range[1]);
        // `key:` with no value: the key is the only place to point at.
        if (empty) return keySpan ?? fallback;
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined) return fallback;
    fallback = spanOf(next as Node) ?? fallback;
    node = next;
  }
  if (anchor === 'key' && keySpan) return keySpan;
  if (anchor === 'first-key') {
    const map = document ? deref(document, node) : node;
    if (isMap(map) && map.items.length > 0) return spanOf(map.items[0].key as Node) ?? spanOf(node as Node) ?? fallback;
  }
  return spanOf(node as Node) ?? fallback;
}

/**
 * `locateFrom` on the places of an item read by fastParseItemPlaces: the
 * same walk, the same answers (a test compares them), without `yaml` nodes.
 */
export function locatePlace(start: Place, path: DataPath, anchor: Anchor = 'value'): Span {
  let node = start;
  let keySpan: Span | undefined;
  let fallback: Span = { start: start.start, end: start.end };
  for (const segment of path) {
    let next: Place | undefined;
    keySpan = undefined;
    if (node.map) {
      const name = String(segment);
      const index = node.keys!.findIndex((key) => String(key.value) === name);
      if (index >= 0) {
        const key = node.keys![index];
        keySpan = { start: key.start, end: key.end };
        next = node.values![index];
        // `key:` with no value: the key is the only place to point at.
        if (!next.values && next.start === next.end) return keySpan;
      }
    } else if (node.values && typeof segment === 'number') {
      next = node.values[segment];
    }
    if (next === undefined) return fallback;
    fallback = { start: next.start, end: next.end };
    node = next;
  }
  if (anchor === 'key' && keySpan) return keySpan;
  if (anchor === 'first-key' && node.map && node.keys!.length > 0) return { start: node.keys![0].start, end: node.keys![0].end };
  return { start: node.start, end: node.end };
}

function contains(node: unknown, offset: number): boolean {
  const range = (node as Node | null)?.range;
  return !!range && range[0] <= offset && offset <= range[1];
}

/**
 * The innermost key or scalar value at `offset`, as a data path, without
 * following aliases (an alias is a value of its own).
 */
export function nodeAt(document: Document, offset: number): NodeAt | undefined {
  return nodeAtFrom(document.contents, [], offset);
}

/** `nodeAt` from a node down, whose own path is `prefix`. */
export function nodeAtFrom(start: unknown, prefix: DataPath, offset: number): NodeAt | undefined {
  let node: unknown = start;
  const path: (string | number)[] = [...prefix];
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key, offset) || contains(p.value, offset));
      if (!pair || !isScalar(pair.key)) return undefined;
      path.push(String(pair.key.value));
      if (contains(pair.key, offset)) return { path, anchor: 'key', span: spanOf(pair.key)! };
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item, offset));
      if (index < 0) return undefined;
      path.push(index);
      node = node.items[index];
    } else if (isScalar(node) || isAlias(node)) {
      return contains(node, offset) ? { path, anchor: 'value', span: spanOf(node)! } : undefined;
    } else {
      return undefined;
    }
  }
}
