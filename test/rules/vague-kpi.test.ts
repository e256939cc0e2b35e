import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, messages, spans, yaml } from '../helpers';

/** A file of KPIs named `names`, one per KPI, each name on line 4 + 3 × its index. */
function kpisNamed(...names: string[]): string {
  const items = names.map((name, i) => `  - id: kpi-${i + 1}\n    name: ${JSON.stringify(name)}\n    category: customer\n`);
  return `kpi: 1\nkpis:\n${items.join('')}`;
}

describe('vague-kpi', () => {
  it('stays silent for a name that states a quantity', () => {
    assert.deepEqual(lintRule('vague-kpi', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports a name stating an intention on the name value, in English and Swedish', () => {
    const files = { 'a.kpi.yaml': kpisNamed('Improve sales', 'Öka försäljning', 'Förbättra leveransprecision', 'Customer churn') };
    assert.deepEqual(lintRule('vague-kpi', files), [
      { file: 'a.kpi.yaml', line: 4, code: 'vague-kpi' },
      { file: 'a.kpi.yaml', line: 7, code: 'vague-kpi' },
      { file: 'a.kpi.yaml', line: 10, code: 'vague-kpi' },
    ]);
    const result = lintFixture(files, { rule: 'vague-kpi' });
    assert.deepEqual(spans(result), [
      { code: 'vague-kpi', text: '"Improve sales"' },
      { code: 'vague-kpi', text: '"Öka försäljning"' },
      { code: 'vague-kpi', text: '"Förbättra leveransprecision"' },
    ]);
    assert.match(messages(result)[1], /"öka"/);
  });

  it('quotes a long name by its start and end, as every message quotes a long value', () => {
    const name = `Improve ${'the number of customers who stay with us '.repeat(3)}through 2027`;
    const [message] = messages(lintFixture({ 'a.kpi.yaml': kpisNamed(name) }, { rule: 'vague-kpi' }));
    assert.equal(message.split('"')[1], `${name.slice(0, 60)}…${name.slice(-10)}`);
  });

  it('matches every word of the list, in any case', () => {
    const words = [
      'improve',
      'increase',
      'reduce',
      'better',
      'enhance',
      'optimize',
      'optimise',
      'maximize',
      'minimize',
      'boost',
      'förbättra',
      'öka',
      'minska',
      'bättre',
    ];
    const names = words.flatMap((w) => [`${w} sales`, `Sales ${w.toUpperCase()}`, `${w.charAt(0).toUpperCase()}${w.slice(1)} sales`]);
    const lines = names.map((_, i) => ({ file: 'a.kpi.yaml', line: 4 + 3 * i, code: 'vague-kpi' }));
    assert.deepEqual(lintRule('vague-kpi', { 'a.kpi.yaml': kpisNamed(...names) }), lines);
  });

  it('matches whole words only, next to punctuation but not inside longer words', () => {
    const files = {
      'a.kpi.yaml': kpisNamed(
        'Increased sales', // not a listed word
        'Boosters sold',
        'Reduced-price orders',
        'Ökad försäljning',
        'Bättreprisindex',
        'Sales (boost)',
        'Churn: reduce!',
        'Bättre-kunder',
      ),
    };
    assert.deepEqual(lintRule('vague-kpi', files), [
      { file: 'a.kpi.yaml', line: 19, code: 'vague-kpi' },
      { file: 'a.kpi.yaml', line: 22, code: 'vague-kpi' },
      { file: 'a.kpi.yaml', line: 25, code: 'vague-kpi' },
    ]);
  });

  it('stays silent for a KPI without a name, or with a name that is not text', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: no-name
          category: customer
        - id: numeric-name
          name: 42
          category: customer
    `;
    assert.deepEqual(lintRule('vague-kpi', { 'a.kpi.yaml': file }), []);
  });
});
