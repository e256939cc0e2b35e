import { kpiSchema } from '../../core/schema';
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

function resolve(node: SchemaNode): SchemaNode {
  const name = node.$ref?.replace('#/$defs/', '');
  return name ? { ...root.$defs[name], ...node } : node;
}

const PLACES: Partial<Record<Place, SchemaNode>> = {
  root,
  goal: root.$defs.goal,
  kpi: root.$defs.kpi,
  point: root.$defs.point,
  thresholds: root.$defs.thresholds,
  measurement: root.$defs.measurement,
  source: root.$defs.source?.oneOf?.find((branch) => branch.properties),
};

export interface PropertyDoc {
  readonly name: string;
  readonly markdown: string;
  readonly enum?: readonly { readonly value: string; readonly markdown: string }[];
}

/** The properties of a mapping of `place`, with their documentation, in the schema's order. */
export function propertiesOf(place: Place): PropertyDoc[] {
  const node = PLACES[place];
  return Object.entries(node?.properties ?? {}).map(([name, raw]) => {
    const property = resolve(raw);
    const values = property.enum?.map((value, i) => ({ value, markdown: property.markdownEnumDescriptions?.[i] ?? '' }));
    return { name, markdown: property.markdownDescription ?? property.description ?? '', enum: values };
  });
}

export function propertyDoc(place: Place, name: string): PropertyDoc | undefined {
  return propertiesOf(place).find((p) => p.name === name);
}
