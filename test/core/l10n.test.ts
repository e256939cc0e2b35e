import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogueTexts, translator } from '../../server/src/core/l10n/catalogue';
import { LOCALES, parseLocale, pickLocale } from '../../server/src/core/l10n/locale';
import { RULES } from '../../server/src/core/rules';
import { REPO } from '../helpers';

/** The placeholder names of an ICU message, sorted: `{goal}`, `{count, plural, …}`, and those inside plural and select branches. */
function placeholders(text: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes as { value?: unknown; options?: Record<string, { value: unknown }> }[]) {
      if (typeof node.value === 'string' && 'type' in node && (node as { type: number }).type !== 0) names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(text, 'en').getAst());
  return [...names].sort();
}

/** Every file of the product's code, where the keys are written. */
function sourceTexts(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.generated.ts')) files.push(file);
    }
  };
  for (const dir of ['server/src', 'client/src', 'client/webview']) walk(path.join(REPO, dir));
  return files.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}

describe('the message catalogue', () => {
  const en = catalogueTexts('en');
  const sv = catalogueTexts('sv');

  it('has the same keys in English and Swedish', () => {
    assert.deepEqual([...sv.keys()].sort(), [...en.keys()].sort());
  });

  it('gives each text the same placeholders in both languages, and every text parses', () => {
    for (const [key, text] of en) {
      assert.deepEqual(placeholders(sv.get(key) ?? ''), placeholders(text), key);
    }
  });

  it('has a text for every message and the description of every rule, and no rule text without its message', () => {
    const declared = new Set(RULES.flatMap((rule) => [...(rule.meta.messages ?? []), 'description'].map((id) => `rules.${rule.meta.id}.${id}`)));
    for (const key of declared) assert.ok(en.has(key), `${key} is declared by its rule but has no text`);
    for (const key of en.keys()) if (key.startsWith('rules.')) assert.ok(declared.has(key), `${key} is no message of its rule`);
  });

  it('uses every key: each is written in the code as it is, or is a rule message', () => {
    const code = sourceTexts();
    const unused = [...en.keys()].filter((key) => !key.startsWith('rules.') && !code.includes(`'${key}'`) && !code.includes(`"${key}"`));
    assert.deepEqual(unused, []);
  });

  it('formats plurals and numbers in the language', () => {
    // A throwaway message, to show what the catalogue's formatting does in each language.
    const count = (locale: string) => new IntlMessageFormat('{n, plural, one {# KPI} other {# KPIs}} at {v, number}', locale).format({ n: 1234, v: 12.5 });
    assert.equal(count('sv-SE'), '1\u00a0234 KPIs at 12,5');
    assert.equal(count('en'), '1,234 KPIs at 12.5');
    assert.equal(translator('sv').number(-1234.5), '\u22121\u00a0234,5');
    assert.equal(translator('en').number(-1234.5), '-1,234.5');
    // The status bar's count of invalid KPIs agrees with its number in Swedish.
    assert.equal(translator('sv').t('client.status.invalid', { count: 1 }), '1 ogiltig');
    assert.equal(translator('sv').t('client.status.invalid', { count: 2 }), '2 ogiltiga');
    assert.equal(translator('en').t('client.status.invalid', { count: 2 }), '2 invalid');
  });

  it('formats a number by its options, whether the options object is new or given again', () => {
    // The formats are kept by options object, and equal options share one: each call says what its own options ask for.
    const places = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
    for (const [locale, shown] of [
      ['en', ['1,234.50', '1,234.50', '1,234.5', '1,234.50', '1,235']],
      ['sv', ['1\u00a0234,50', '1\u00a0234,50', '1\u00a0234,5', '1\u00a0234,50', '1\u00a0235']],
    ] as const) {
      const words = translator(locale);
      assert.deepEqual(
        [
          words.number(1234.5, places),
          words.number(1234.5, places),
          words.number(1234.5, { maximumFractionDigits: 3 }),
          words.number(1234.5, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
          words.number(1234.5, { maximumFractionDigits: 0 }),
        ],
        shown,
      );
    }
    // A message's own number format (a skeleton), its plurals and ordinals, said twice.
    for (let twice = 0; twice < 2; twice++) {
      assert.equal(translator('sv').t('rules.unrealistic-target.per-month', { amount: translator('sv').number(2.25) }), '2,25 per månad');
      assert.equal(translator('sv').t('schema.ordinal', { n: 2, digits: '2' }), '2:a');
      assert.equal(translator('en').t('schema.ordinal', { n: 23, digits: '23' }), '23rd');
      assert.equal(translator('en').t('client.status.invalid', { count: 1 }), '1 invalid');
    }
  });
});

describe('locales', () => {
  it('reads the names people and systems give a language', () => {
    for (const name of ['sv', 'SV', 'sv-SE', 'sv_SE', 'sv_SE.UTF-8', 'sv_FI.utf8', 'sv@euro']) assert.equal(parseLocale(name), 'sv', name);
    for (const name of ['en', 'en-US', 'en_GB.UTF-8', 'C', 'C.UTF-8', 'POSIX', 'de_DE.UTF-8', 'svenska-nej', 'klingon']) {
      assert.equal(parseLocale(name), 'en', name);
    }
    for (const name of [undefined, '', '  ']) assert.equal(parseLocale(name), undefined);
    assert.deepEqual(LOCALES, ['en', 'sv']);
  });

  it('takes the first locale given, whatever it is; English when none is', () => {
    assert.equal(pickLocale([undefined, 'sv_SE.UTF-8', 'en']), 'sv');
    assert.equal(pickLocale(['', 'C.UTF-8', 'sv']), 'en', 'C is English, and it comes first');
    assert.equal(pickLocale(['fr_FR', 'sv']), 'en', 'an unknown locale means English');
    assert.equal(pickLocale([]), 'en');
    assert.equal(pickLocale([undefined, 'qps-ploc']), 'qps-ploc');
  });
});
