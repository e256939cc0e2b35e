import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintPaths } from '../../server/src/cli/workspace';
import { translator } from '../../server/src/core/l10n/catalogue';
import type { Locale } from '../../server/src/core/l10n/locale';
import { buildScorecard, type ScorecardKpi } from '../../server/src/core/scorecard';
import { COMPARISON_KINDS, comparisonWords } from '../../server/src/report/words';
import { REPO } from '../helpers';

const SAMPLES = path.join(REPO, 'samples');

/** A KPI of the samples as `kpi status --as-of 2026-11-27` shows it. */
function sample(id: string): ScorecardKpi {
  const linted = lintPaths({ paths: [], cwd: SAMPLES, asOf: '2026-11-27' });
  const kpi = buildScorecard(linted.result.workspace, (file) => file).kpis.find((k) => k.id === id);
  assert.ok(kpi, id);
  return kpi;
}

/** Every comparison of a KPI in words, as `[arrow, text, verdict word]`, in `locale`. */
function said(kpi: ScorecardKpi, locale: Locale) {
  const words = translator(locale);
  return Object.fromEntries(
    COMPARISON_KINDS.map((kind) => {
      const c = comparisonWords(kpi, kind, words);
      return [kind, c && [c.arrow, c.text, c.verdictWord, ...(c.partial ? ['partial'] : [])]];
    }),
  );
}

/** Expected text with ␣ for the no-break space and − for the minus sign Intl puts in Swedish numbers. */
const shown = (text: string) => text.replace(/␣/g, '\u00a0');

describe('comparisons in words (SPEC §5.10)', () => {
  it('a % KPI: changes in percentage points, against the period before and the same month last year', () => {
    const margin = sample('gross-margin');
    assert.deepEqual(said(margin, 'en'), {
      previous: ['▲', '+0.2 pp vs 2026-09', 'better'],
      lastYear: ['▲', '+0.7 pp vs 2025-10', 'better'],
      yearToDate: ['▲', 'YTD 45.77 %, +1 pp vs last year', 'better'],
      plan: ['▼', '-1.43 pp vs plan', 'worse'],
      target: ['▼', '-1.9 pp vs target', 'worse'],
    });
    assert.deepEqual(said(margin, 'sv'), {
      previous: ['▲', '+0,2 p.e. mot 2026-09', 'bättre'],
      lastYear: ['▲', '+0,7 p.e. mot 2025-10', 'bättre'],
      yearToDate: ['▲', shown('Ack. 45,77␣%, +1 p.e. mot i fjol'), 'bättre'],
      plan: ['▼', '−1,43 p.e. mot plan', 'sämre'],
      target: ['▼', '−1,9 p.e. mot målvärdet', 'sämre'],
    });
  });

  it('a KPI in another unit: the share of the base against earlier periods, the amount against plan and target; a decrease KPI flips the verdict', () => {
    // Order-to-dispatch time: hours, weekly, direction decrease.
    const dispatch = sample('dispatch-time');
    assert.deepEqual(said(dispatch, 'en'), {
      previous: ['▼', '-1.4 % vs 2026-W46', 'better'],
      lastYear: ['▼', '-29.2 % vs 2025-W47', 'better'],
      yearToDate: ['▼', 'YTD 25.51 hours, -18.3 % vs last year', 'better'],
      plan: ['▼', '-0.32 hours vs plan', 'better'],
      target: ['▲', '+0.8 hours vs target', 'worse'],
    });
    assert.deepEqual(said(dispatch, 'sv'), {
      previous: ['▼', shown('−1,4␣% mot 2026-W46'), 'bättre'],
      lastYear: ['▼', shown('−29,2␣% mot 2025-W47'), 'bättre'],
      yearToDate: ['▼', shown('Ack. 25,51␣hours, −18,3␣% mot i fjol'), 'bättre'],
      plan: ['▼', shown('−0,32␣hours mot plan'), 'bättre'],
      target: ['▲', shown('+0,8␣hours mot målvärdet'), 'sämre'],
    });
  });

  it('no change: ▶ and "unchanged"; a quarter is named as the file writes it; a missing comparison is null', () => {
    const nps = sample('net-promoter-score');
    assert.deepEqual(said(nps, 'en').previous, ['▶', '0 % vs 2026-09', 'unchanged']);
    assert.deepEqual(said(nps, 'sv').previous, ['▶', shown('0␣% mot 2026-09'), 'oförändrat']);
    assert.deepEqual([said(nps, 'en').lastYear, said(nps, 'en').yearToDate], [null, null]);
    assert.deepEqual(said(sample('ebit-margin'), 'en').previous, ['▲', '+0.7 pp vs 2026-Q2', 'better']);
  });

  it('a year to date that misses a period is partial', () => {
    const margin = sample('gross-margin');
    const partial: ScorecardKpi = { ...margin, comparisons: { ...margin.comparisons, yearToDate: { ...margin.comparisons.yearToDate!, complete: false } } };
    assert.deepEqual(said(partial, 'en').yearToDate, ['▲', 'YTD 45.77 %, +1 pp vs last year', 'better', 'partial']);
    assert.deepEqual(said(partial, 'sv').yearToDate, ['▲', shown('Ack. 45,77␣%, +1 p.e. mot i fjol'), 'bättre', 'partial']);
    assert.equal(comparisonWords(margin, 'yearToDate')?.partial, false);
    assert.deepEqual(
      ['en', 'sv'].map((l) => translator(l as Locale).t('report.compare.partial')),
      ['not every period measured', 'alla perioder är inte uppmätta'],
    );
  });
});
