import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import swedish from '../../server/src/core/l10n/sv/schema-docs.json';
import { kpiSchema } from '../../server/src/core/schema';
import type { Place } from '../../server/src/lsp/service/context';
import { propertiesOf } from '../../server/src/lsp/service/schema-docs';

interface Node {
  $ref?: string;
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  properties?: Record<string, Node>;
  oneOf?: Node[];
  $defs?: Record<string, Node>;
}

/** Every property of every object in the schema, with its path. */
function properties(node: Node, at: string, out: [string, Node][] = []): [string, Node][] {
  for (const [name, property] of Object.entries(node.properties ?? {})) out.push([`${at}.${name}`, property]);
  for (const branch of node.oneOf ?? []) properties(branch, at, out);
  return out;
}

describe('schema documentation', () => {
  const schema = kpiSchema as unknown as Node;
  const all = [...properties(schema, 'root'), ...Object.entries(schema.$defs ?? {}).flatMap(([name, def]) => properties(def, name))];

  it('describes every property in words and in Markdown, good enough for a hover', () => {
    assert.ok(all.length > 30);
    for (const [where, property] of all) {
      // A property that only refers to a definition (`value: { $ref: number }`) shows the definition's words.
      const shown = property.$ref ? { ...schema.$defs![property.$ref.replace('#/$defs/', '')], ...property } : property;
      assert.ok((shown.description ?? '').length >= 10, `${where} has a description`);
      assert.ok((shown.markdownDescription ?? '').length >= 10, `${where} has a Markdown description`);
    }
  });

  it('describes every value of every enum', () => {
    const enums = all.filter(([, p]) => p.enum);
    assert.deepEqual(enums.map(([where]) => where).sort(), ['goal.status', 'kpi.aggregation', 'kpi.category', 'kpi.direction', 'kpi.frequency']);
    for (const [where, property] of enums) {
      assert.equal(property.enumDescriptions?.length, property.enum!.length, where);
      assert.equal(property.markdownEnumDescriptions?.length, property.enum!.length, where);
    }
  });
});

describe('schema documentation in Swedish', () => {
  const schema = kpiSchema as unknown as Node;
  const defs = schema.$defs!;
  /** The mappings the language server documents, as its cursor context names them. */
  const places: Record<Exclude<Place, 'unknown'>, Node> = {
    root: schema,
    goal: defs.goal,
    kpi: defs.kpi,
    point: defs.point,
    thresholds: defs.thresholds,
    measurement: defs.measurement,
    // The mapping branches of a source (a CSV file, a SQL query) as one, as the language server documents them.
    source: { properties: Object.assign({}, ...defs.source.oneOf!.map((branch) => branch.properties ?? {})) as Record<string, Node> },
  };

  it('has a text for exactly the places in the schema that hover and completion show, no more and no fewer', () => {
    const keys = new Set<string>();
    for (const [place, node] of Object.entries(places)) {
      for (const [name, property] of Object.entries(node.properties ?? {})) {
        // A property without words of its own shows those of the definition it refers to.
        const definition = property.$ref?.replace('#/$defs/', '');
        const own = property.markdownDescription !== undefined;
        assert.ok(own || definition, `${place}.${name} has a text or refers to one`);
        keys.add(own ? `${place}.${name}` : `$defs.${definition}`);
        for (const value of property.enum ?? []) keys.add(`${place}.${name}.${String(value)}`);
      }
    }
    assert.deepEqual(Object.keys(swedish).sort(), [...keys].sort());
  });

  it('shows every property and enum value in Swedish, not the English of the schema', () => {
    for (const place of Object.keys(places) as Place[]) {
      const english = propertiesOf(place, 'en');
      const inSwedish = propertiesOf(place, 'sv');
      assert.deepEqual(
        inSwedish.map((p) => [p.name, p.enum?.map((e) => e.value)]),
        english.map((p) => [p.name, p.enum?.map((e) => e.value)]),
        `${place}: the same properties and values, in the same order`,
      );
      inSwedish.forEach((property, i) => {
        assert.ok(property.markdown.length >= 10, `${place}.${property.name}`);
        assert.notEqual(property.markdown, english[i].markdown, `${place}.${property.name} is in Swedish`);
        property.enum?.forEach((value, j) => assert.notEqual(value.markdown, english[i].enum![j].markdown, `${place}.${property.name}.${value.value}`));
      });
    }
  });

  it('keeps the texts exactly as they are in the schema in English, and marks them in the pseudo-locale', () => {
    const unit = propertiesOf('kpi').find((p) => p.name === 'unit')!;
    assert.equal(unit.markdown, 'The unit of the values, e.g. `%`, `SEK`, `count`, `days`, `score`.');
    const value = propertiesOf('point').find((p) => p.name === 'value')!;
    assert.equal(
      value.markdown,
      'A number. Put the unit in `unit`, not in the value.',
      "a property that only refers to a definition shows the definition's text",
    );
    for (const place of Object.keys(places) as Place[]) {
      const english = propertiesOf(place, 'en');
      propertiesOf(place, 'qps-ploc').forEach((property, i) => {
        assert.equal(property.markdown, `⟦${english[i].markdown}⟧`);
        property.enum?.forEach((value, j) => assert.equal(value.markdown, `⟦${english[i].enum![j].markdown}⟧`));
      });
    }
  });

  it('says the categories and the Swedish of a few keys as the glossary does', () => {
    const kpi = propertiesOf('kpi', 'sv');
    assert.deepEqual(
      kpi.find((p) => p.name === 'category')!.enum!.map((e) => e.markdown),
      [
        '**Ekonomi** — försäljningstillväxt, lönsamhet, avkastning på investeringar.',
        '**Verksamhet** — produktionstakt, leveransprecision, kundklagomål.',
        '**Kund** — kundnöjdhet, marknadsandel, varumärkeskännedom.',
        '**Medarbetare** — personalomsättning, medarbetarnöjdhet, utbildningsnivå.',
      ],
    );
    assert.equal(kpi.find((p) => p.name === 'thresholds')!.markdown, swedish['$defs.thresholds']);
    assert.equal(propertiesOf('measurement', 'sv').find((p) => p.name === 'date')!.markdown, swedish['$defs.date']);
  });
});
