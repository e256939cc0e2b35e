import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kpiSchema } from '../../server/src/core/schema';

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
    assert.deepEqual(enums.map(([where]) => where).sort(), ['goal.status', 'kpi.category', 'kpi.direction', 'kpi.frequency']);
    for (const [where, property] of enums) {
      assert.equal(property.enumDescriptions?.length, property.enum!.length, where);
      assert.equal(property.markdownEnumDescriptions?.length, property.enum!.length, where);
    }
  });
});
