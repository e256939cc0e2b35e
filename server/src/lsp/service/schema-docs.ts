import { PSEUDO_LOCALE, type LocaleOrPseudo } from '../../core/l10n/locale';
import { kpiSchema } from '../../core/schema';
import swedish from '../../core/l10n/sv/schema-docs.json';
import type { Place } from './context';

interface SchemaNode {
  readonly $ref?: string;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly enum?: readonly string[];
  readonly markdownEnumDescriptions?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly oneOf?: readonly SchemaNode[];
}

const root = kpiSchema as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };

/**
 * The schema's texts in Swedish. The schema is the one English source (other
 * YAML tools read it, and its `{ value, date }` cannot be ICU messages), so
 * the Swedish is plain Markdown keyed by where the English sits: a property's
 * own text `<place>.<property>` (`kpi.unit`), an enum value's
 * `<place>.<property>.<value>` (`kpi.category.financial`), and a definition's
 * text `$defs.<name>` (`$defs.number`), shown for a property that only refers
 * to it. test/core/schema-docs.test.ts checks it has exactly the schema's keys.
 */
const SWEDISH: Readonly<Record<string, string>> = swedish;

const PLACES: Partial<Record<Place, SchemaNode>> = {
  root,
  goal: root.$defs.goal,
  kpi: root.$defs.kpi,
  point: root.$defs.point,
  thresholds: root.$defs.thresholds,
  measurement: root.$defs.measurement,
  // The mapping branches (a CSV file, a SQL query) documented as one: their shared `date` and `value` mean the same.
  source: { properties: Object.assign({}, ...(root.$defs.source?.oneOf ?? []).map((branch) => branch.properties ?? {})) as Record<string, SchemaNode> },
};

/** The node that holds what `has` asks for: the property itself, else the definition it refers to; and its key. */
function holder(place: Place, name: string, property: SchemaNode, has: (node: SchemaNode) => boolean): { key: string; node: SchemaNode } | undefined {
  if (has(property)) return { key: `${place}.${name}`, node: property };
  const definition = property.$ref?.replace('#/$defs/', '');
  const node = definition === undefined ? undefined : root.$defs[definition];
  return node && has(node) ? { key: `$defs.${definition}`, node } : undefined;
}

/** The text at `key` in the language: Swedish from the overlay, English from the schema (marked in the pseudo-locale). */
function inLanguage(key: string, english: string, locale: LocaleOrPseudo): string {
  if (locale === 'sv') return SWEDISH[key] ?? english;
  return locale === PSEUDO_LOCALE ? `⟦${english}⟧` : english;
}

export interface PropertyDoc {
  readonly name: string;
  readonly markdown: string;
  readonly enum?: readonly { readonly value: string; readonly markdown: string }[];
}

/** The properties of a mapping of `place`, with their documentation in the language, in the schema's order. */
export function propertiesOf(place: Place, locale: LocaleOrPseudo = 'en'): PropertyDoc[] {
  const node = PLACES[place];
  return Object.entries(node?.properties ?? {}).map(([name, property]) => {
    const described = holder(place, name, property, (n) => (n.markdownDescription ?? n.description) !== undefined);
    const markdown = described ? inLanguage(described.key, described.node.markdownDescription ?? described.node.description ?? '', locale) : '';
    const listed = holder(place, name, property, (n) => n.enum !== undefined);
    const values = listed?.node.enum?.map((value, i) => ({
      value,
      markdown: inLanguage(`${listed.key}.${value}`, listed.node.markdownEnumDescriptions?.[i] ?? '', locale),
    }));
    return { name, markdown, enum: values };
  });
}

export function propertyDoc(place: Place, name: string, locale: LocaleOrPseudo = 'en'): PropertyDoc | undefined {
  return propertiesOf(place, locale).find((p) => p.name === name);
}
