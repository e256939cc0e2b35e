import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { found, GOOD_FILE, lintFixture, yaml } from '../helpers';

const TWO_UNOWNED = yaml`
  kpi: 1
  goals:
    - id: g
      title: G
  kpis:
    - id: a
      name: A
      category: hr
      goals: [g]
      rationale: R
      unit: count
      frequency: monthly
      source: HR system
    - id: b
      name: B
      category: hr
      goals: [g]
      rationale: R
      unit: count
      frequency: monthly
      source: HR system
`;

const codes = (files: Record<string, string>) => found(lintFixture(files)).map((d) => `${d.line} ${d.code}`);

describe('# kpi-disable comments', () => {
  it('without comments, both KPIs are reported', () => {
    assert.deepEqual(codes({ 'a.kpi.yaml': TWO_UNOWNED }), ['6 missing-owner', '6 missing-target', '14 missing-owner', '14 missing-target']);
  });

  it('kpi-disable-next-line silences the named codes on the next line only', () => {
    const text = TWO_UNOWNED.replace('  - id: a\n', '  # kpi-disable-next-line missing-owner, missing-target\n  - id: a\n');
    assert.deepEqual(codes({ 'a.kpi.yaml': text }), ['15 missing-owner', '15 missing-target']);
    const one = TWO_UNOWNED.replace('  - id: b\n', '  # kpi-disable-next-line missing-owner -- owner is being hired\n  - id: b\n');
    assert.deepEqual(codes({ 'a.kpi.yaml': one }), ['6 missing-owner', '6 missing-target', '15 missing-target']);
  });

  it('kpi-disable on its own line silences the codes in the whole file, and only in that file', () => {
    const other = yaml`
      kpi: 1
      kpis:
        - { id: c, name: C, category: hr, goals: [g], rationale: R, unit: count, frequency: monthly, source: HR }
    `;
    const result = found(lintFixture({ 'a.kpi.yaml': `# kpi-disable missing-owner\n${TWO_UNOWNED}`, 'b.kpi.yaml': other }));
    assert.deepEqual(
      result.map((d) => `${d.file}:${d.line} ${d.code}`),
      ['a.kpi.yaml:7 missing-target', 'a.kpi.yaml:15 missing-target', 'b.kpi.yaml:3 missing-owner', 'b.kpi.yaml:3 missing-target'],
    );
  });

  it('a kpi-disable comment after a value does not silence the file', () => {
    const text = TWO_UNOWNED.replace('name: A\n', 'name: A # kpi-disable missing-owner\n');
    assert.deepEqual(codes({ 'a.kpi.yaml': text }), ['6 missing-owner', '6 missing-target', '14 missing-owner', '14 missing-target']);
  });

  it('leaves a clean file clean', () => {
    assert.deepEqual(codes({ 'a.kpi.yaml': `# kpi-disable\n${GOOD_FILE}` }), []);
  });
});
