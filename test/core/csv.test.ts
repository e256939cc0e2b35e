import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvMeasurements, parseCsv, parseCsvNumber } from '../../server/src/core/csv';
import { parseCalendarDay } from '../../server/src/core/dates';

const AS_OF = parseCalendarDay('2026-11-27')!;

describe('parseCsvNumber', () => {
  it('reads a Unicode minus sign as a minus', () => {
    assert.equal(parseCsvNumber('−93,2', ';'), -93.2);
    assert.equal(parseCsvNumber('−93.2', ','), -93.2);
    assert.equal(parseCsvNumber('93,2−', ';'), undefined);
  });

  it('reads thousands grouped by a space, a no-break space, a thin space or a narrow no-break space', () => {
    for (const space of [' ', '\u00a0', '\u2009', '\u202f']) {
      assert.equal(parseCsvNumber(`1${space}088,1`, ';'), 1088.1, JSON.stringify(space));
      assert.equal(parseCsvNumber(`−12${space}345${space}678`, '\t'), -12345678, JSON.stringify(space));
      assert.equal(parseCsvNumber(`1${space}088.1`, ','), 1088.1, JSON.stringify(space));
    }
  });

  it('rejects spaces that do not group thousands', () => {
    for (const bad of ['1 08,1', '1 0881', '12 3', '1  088', '- 5', '1 088, 5', '1 088 ,5']) assert.equal(parseCsvNumber(bad, ';'), undefined, JSON.stringify(bad));
  });

  it('reads a trailing %, with or without a space before it, only when the unit is %', () => {
    assert.equal(parseCsvNumber('12,3 %', ';', '%'), 12.3);
    assert.equal(parseCsvNumber('12,3\u00a0%', ';', '%'), 12.3);
    assert.equal(parseCsvNumber('12,3%', ';', '%'), 12.3);
    assert.equal(parseCsvNumber('−0,5 %', ';', '%'), -0.5);
    assert.equal(parseCsvNumber('12%', ',', '%'), 12);
    assert.equal(parseCsvNumber('12%', ';', 'SEK'), undefined);
    assert.equal(parseCsvNumber('12%', ';'), undefined);
    assert.equal(parseCsvNumber('%', ';', '%'), undefined);
    assert.equal(parseCsvNumber('12 %%', ';', '%'), undefined);
  });

  it('keeps the decimal comma to `;` and tab', () => {
    assert.equal(parseCsvNumber('4,5', ';'), 4.5);
    assert.equal(parseCsvNumber('4,5', '\t'), 4.5);
    assert.equal(parseCsvNumber('4,5', ','), undefined);
  });
});

describe('csvMeasurements', () => {
  const table = parseCsv('month;growth\n2026-09;4,5\n2026-10;\n2026-11;\n2026-12;\n2027-Q1;x\n');

  it('skips an empty value dated after the as-of date, and reports one dated before it or a bad value after it', () => {
    const read = csvMeasurements(table, { date: 'month', value: 'growth' }, { unit: '%', asOf: AS_OF });
    assert.deepEqual(read.measurements.map((m) => [m.date.text, m.value]), [['2026-09', 4.5]]);
    assert.deepEqual(read.badRows, [
      { line: 3, reason: 'value "" is not a number' },
      { line: 6, reason: 'value "x" is not a number' },
    ]);
  });

  it('says why a value with a % is not a number when the unit is not %', () => {
    const read = csvMeasurements(parseCsv('month;sales\n2026-09;12%\n'), { date: 'month', value: 'sales' }, { unit: 'SEK', asOf: AS_OF });
    assert.deepEqual(read.badRows, [{ line: 2, reason: 'value "12%" is not a number (a trailing % is read only when the KPI\'s unit is "%")' }]);
  });
});
