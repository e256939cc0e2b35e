import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvMeasurements, decodeCsv, parseCsv, parseCsvNumber } from '../../server/src/core/csv';
import { parseCalendarDay } from '../../server/src/core/dates';

/** Text as Windows-1252 bytes: Latin-1 for the letters, 0x96 for `–` and 0x80 for `€`. */
function windows1252(text: string): Uint8Array {
  return Buffer.from(text.replace(/\u2013/g, '\x96').replace(/\u20ac/g, '\x80'), 'latin1');
}

const AS_OF = parseCalendarDay('2026-11-27')!;

describe('decodeCsv', () => {
  it('reads UTF-8 as UTF-8, skipping a byte-order mark', () => {
    assert.equal(decodeCsv(Buffer.from('Månad;Värde\n2026-10;−93,2\n')), 'Månad;Värde\n2026-10;−93,2\n');
    assert.equal(decodeCsv(Buffer.from('\ufeffMånad;Värde\n')), 'Månad;Värde\n');
  });

  it('reads bytes that are not UTF-8 as Windows-1252, its bytes 0x80–0x9F included', () => {
    assert.equal(decodeCsv(windows1252('Månad;Värde;Öre – €\n')), 'Månad;Värde;Öre – €\n');
    // Every byte, so that no one of 0x80–0x9F is read as a control character (Node's own decoder does that).
    const all = decodeCsv(Uint8Array.from({ length: 256 }, (_, i) => i));
    assert.equal(all.length, 256);
    assert.equal(all.slice(0x80, 0xa0), '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
    assert.equal(all.slice(0xa0, 0xa2), '\u00a0¡');
    assert.equal(all.slice(0xe4, 0xe6), 'äå');
  });
});

describe('parseCsv', () => {
  it('drops a byte-order mark left in front of the first column name', () => {
    assert.deepEqual(parseCsv('\ufeffmonth;growth\n2026-10;4,5\n').columns, ['month', 'growth']);
  });
});

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
    for (const bad of ['1 08,1', '1 0881', '12 3', '1  088', '- 5', '1 088, 5', '1 088 ,5'])
      assert.equal(parseCsvNumber(bad, ';'), undefined, JSON.stringify(bad));
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
    assert.deepEqual(
      read.measurements.map((m) => [m.date.text, m.value]),
      [['2026-09', 4.5]],
    );
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
