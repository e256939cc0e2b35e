import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correctedNumber, enumGuess, keyGuess, slugFor } from '../../server/src/core/corrections';
import { correctedDate } from '../../server/src/core/dates';

describe('corrections', () => {
  it('turns an id into the ASCII slug meant, or none when nothing of an id is left', () => {
    const cases: [string, string | undefined][] = [
      ['lojala-kunder-åäö', 'lojala-kunder-aao'],
      ['Sales Growth', 'sales-growth'],
      ['salesGrowth', 'sales-growth'],
      ['Sales_Growth', 'sales-growth'],
      ['Straße', 'strasse'],
      ['keep\u001b[2Jcustomers', undefined],
      ['---', undefined],
    ];
    assert.deepEqual(
      cases.map(([id]) => [id, slugFor(id)]),
      cases,
    );
  });

  it('reads the number meant in a text value', () => {
    assert.deepEqual(correctedNumber('5,6'), { kind: 'decimal-comma', number: '5.6' });
    assert.deepEqual(correctedNumber('1\u00a0088,1'), { kind: 'thousands', number: '1088.1' });
    assert.deepEqual(correctedNumber('1.088,1'), { kind: 'thousands', number: '1088.1' });
    assert.deepEqual(correctedNumber('1,000'), { kind: 'comma', decimal: '1.000', thousands: '1000' });
    assert.deepEqual(correctedNumber('\u22125'), { kind: 'minus', number: '-5' });
    assert.deepEqual(correctedNumber('12 %'), { kind: 'unit', number: '12', unit: '%' });
    assert.deepEqual(correctedNumber('SEK 1 200'), { kind: 'unit', number: '1200', unit: 'SEK' });
    assert.equal(correctedNumber('1,000 SEK'), undefined);
    assert.equal(correctedNumber('n/a'), undefined);
  });

  it('finds the allowed value by case, by an English or Swedish word, or by spelling, and nothing for an unrelated word', () => {
    const allowed = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'];
    assert.deepEqual(
      ['Monthly', 'månadsvis', 'veckovis', 'årligen', 'kvartalsvis', 'monthy', 'sometimes'].map((v) => enumGuess(v, allowed)),
      ['monthly', 'monthly', 'weekly', 'yearly', 'quarterly', 'monthly', undefined],
    );
    assert.equal(enumGuess('up', ['financial', 'operational', 'customer', 'hr']), undefined);
  });

  it('finds the key meant where it stands', () => {
    assert.equal(keyGuess('at_risk', 'thresholds', ['atRisk', 'offTrack']), 'atRisk');
    assert.equal(keyGuess('datum', 'measurement', ['date', 'value', 'note']), 'date');
    assert.equal(keyGuess('treshold', 'kpi', ['target', 'thresholds']), 'thresholds');
    assert.equal(keyGuess('colour', 'kpi', ['owner', 'unit']), undefined);
  });

  it('corrects a date when it can be read one way only', () => {
    const rewrite = (date: string) => ({ kind: 'rewrite', date });
    assert.deepEqual(correctedDate('13 nov 2026'), rewrite('2026-11-13'));
    assert.deepEqual(correctedDate('november 13, 2026'), rewrite('2026-11-13'));
    assert.deepEqual(correctedDate('13/11/2026'), rewrite('2026-11-13'));
    assert.deepEqual(correctedDate('11/13/2026'), rewrite('2026-11-13'));
    assert.deepEqual(correctedDate('05/05/2026'), rewrite('2026-05-05'));
    assert.deepEqual(correctedDate('05/06/2026'), { kind: 'ambiguous', dayFirst: '2026-06-05', monthFirst: '2026-05-06' });
    assert.deepEqual(correctedDate('2026-q3'), rewrite('2026-Q3'));
    assert.deepEqual(correctedDate('11/2026'), rewrite('2026-11'));
    assert.deepEqual(correctedDate('2026-Q7'), { kind: 'impossible', why: 'quarters run from Q1 to Q4' });
    assert.deepEqual(correctedDate('2024-02-30'), {
      kind: 'impossible',
      why: 'February 2024 has 29 days; for the whole month write `2024-02`',
      instead: '2024-02',
    });
    assert.equal(correctedDate('2026-11-13'), undefined);
    assert.equal(correctedDate('32/13/2026'), undefined);
    assert.equal(correctedDate('soon'), undefined);
  });
});
