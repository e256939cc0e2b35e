import type { DiffProblem, FieldChange, KpiDiff, ScorecardDiff } from '../../core/diff';
import { translator, type Translator } from '../../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../../core/l10n/locale';
import { dataSummary, diffHeadline, editedMeasurements, fieldLabel, fieldValue, fieldVerdict, isLoosening, sidesText } from '../../report/diff-words';
import { plainText } from '../../report/plain-text';
import { statusLabel, verdictLabel } from '../../report/words';
import { displayWidth, painter, type Style } from './ansi';
import { severityWord } from '../../report/words';

type Paint = (text: string, ...styles: Style[]) => string;

/** Rows whose cells are padded to the widest cell of their column; the last column is not padded. */
function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - displayWidth(cell) + 2)))
        .join('')
        .trimEnd(),
  );
}

function fieldRows(kpis: readonly KpiDiff[], groups: readonly FieldChange['group'][], words: Translator, paint: Paint): string[][] {
  return kpis.flatMap((kpi) =>
    kpi.fields
      .filter((f) => groups.includes(f.group))
      .map((f) => {
        const verdict = fieldVerdict(f, words);
        const style: Style = isLoosening(f) ? 'red' : 'green';
        return [
          plainText(kpi.name),
          fieldLabel(f.field, words),
          `${fieldValue(f, 'from', kpi.unit, words)} → ${fieldValue(f, 'to', kpi.unit, words)}`,
          verdict ? paint(verdict, style) : '',
        ];
      }),
  );
}

function problemRows(problems: readonly DiffProblem[], mark: string, words: Translator, paint: Paint): string[][] {
  return problems.map((p) => [
    mark,
    paint(severityWord(p.severity, words), p.severity === 'error' ? 'red' : p.severity === 'warning' ? 'yellow' : 'blue'),
    `${plainText(p.file)}:${p.line}:${p.column}`,
    `${plainText(p.message)}  ${paint(p.code, 'dim')}`,
  ]);
}

/** `kpi diff --format table`: the headline, then one block per kind of change that happened (SPEC §7). */
export function renderDiffTable(diff: ScorecardDiff, color: boolean, locale: LocaleOrPseudo = 'en'): string {
  const words = translator(locale);
  const paint = painter(color);
  const out: string[] = [
    paint(`${words.t('diff.title')}: ${sidesText(diff, words)}`, 'bold'),
    `${words.t('diff.as-of', { asOf: diff.asOf })} · ${diffHeadline(diff, words)}`,
  ];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push('', paint(title, 'bold'), ...lines);
  };
  const changed = diff.kpis.filter((k) => k.change === 'changed');

  section(
    words.t('diff.section.status'),
    changed
      .filter((k) => k.status.from !== k.status.to)
      .flatMap((k) => {
        const verdict = k.status.verdict === 'same' ? '' : paint(verdictLabel(k.status.verdict, words), k.status.verdict === 'worse' ? 'red' : 'green');
        const moved = `${statusLabel(k.status.from!, words)} → ${statusLabel(k.status.to!, words)}`;
        return [
          `  ${plainText(k.name)}: ${moved}${verdict ? `, ${verdict}` : ''}`,
          `    ${plainText(k.status.fromReason ?? '')} → ${plainText(k.status.toReason ?? '')}`,
        ];
      }),
  );
  section(words.t('diff.section.targets'), columns(fieldRows(changed, ['target', 'baseline', 'thresholds', 'plan'], words, paint)));
  section(
    words.t('diff.section.added'),
    diff.kpis.filter((k) => k.change === 'added').map((k) => `  + ${plainText(k.name)} (${plainText(k.file)}:${k.line}) · ${statusLabel(k.status.to!, words)}`),
  );
  section(
    words.t('diff.section.removed'),
    diff.kpis.filter((k) => k.change === 'removed').map((k) => `  − ${plainText(k.name)} (${plainText(k.file)}:${k.line})`),
  );
  section(
    words.t('diff.section.goals'),
    diff.goals.flatMap((g) => {
      const mark = g.change === 'added' ? '+' : g.change === 'removed' ? '−' : '~';
      const status =
        g.status.from !== g.status.to && g.status.from && g.status.to ? ` · ${statusLabel(g.status.from, words)} → ${statusLabel(g.status.to, words)}` : '';
      const fields = g.fields.map((f) => `      ${fieldLabel(f.field, words)}: ${fieldValue(f, 'from', null, words)} → ${fieldValue(f, 'to', null, words)}`);
      return [`  ${mark} ${plainText(g.title)}${status}`, ...fields];
    }),
  );
  section(words.t('diff.section.definition'), columns(fieldRows(changed, ['definition'], words, paint)));
  section(words.t('diff.section.metadata'), columns(fieldRows(changed, ['metadata'], words, paint)));
  // One row per KPI, aligned together; the edited measurements under their KPI.
  const measured = changed.filter((k) => k.data !== null);
  const dataRows = columns(
    measured.map((k) => [plainText(k.name), k.data!.historyRewritten ? paint(dataSummary(k.data!, words), 'red') : dataSummary(k.data!, words)]),
  );
  section(
    words.t('diff.section.data'),
    measured.flatMap((k, i) => [dataRows[i], ...editedMeasurements(k, words).map((line) => `      ${line}`)]),
  );
  const problems = diff.summary.problems;
  if (problems.new + problems.fixed > 0) {
    const counts = words.t('diff.problems.counts', { new: problems.new, errors: problems.newErrors, warnings: problems.newWarnings, fixed: problems.fixed });
    section(words.t('diff.section.problems'), [
      `  ${counts}`,
      ...columns([...problemRows(diff.problems.new, '+', words, paint), ...problemRows(diff.problems.fixed, '−', words, paint)], '    '),
    ]);
  }
  section(
    words.t('diff.section.unparsed'),
    columns(diff.unparsed.map((u) => [words.t(u.side === 'base' ? 'diff.side.base' : 'diff.side.head'), plainText(u.file), plainText(u.message)])),
  );
  if (diff.summary.kpis.unchanged > 0) out.push('', words.t('diff.unchanged', { count: diff.summary.kpis.unchanged }));
  out.push('');
  return out.join('\n');
}
