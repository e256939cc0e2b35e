/**
 * `kpi diff` in words (SPEC §7), shared by the terminal table, the Markdown
 * comment and the editor's comparison, so that they all say the same.
 */
import type { DataChange, FieldChange, KpiDiff, ScorecardDiff } from '../core/diff';
import { translator, type MessageKey, type Translator } from '../core/l10n/catalogue';
import { plainText } from './plain-text';
import { categoryLabel, formatValue } from './words';

/** "2 KPIs worse, 1 better; 1 target or threshold loosened; 3 new problems": what matters most first. */
export function diffHeadline(diff: ScorecardDiff, words: Translator = translator('en')): string {
  const s = diff.summary;
  const parts: string[] = [];
  if (s.worse > 0 && s.better > 0) parts.push(words.t('diff.headline.worse-better', { worse: s.worse, better: s.better }));
  else if (s.worse > 0) parts.push(words.t('diff.headline.worse', { count: s.worse }));
  else if (s.better > 0) parts.push(words.t('diff.headline.better', { count: s.better }));
  const counted: [number, MessageKey][] = [
    [s.loosened, 'diff.headline.loosened'],
    [s.tightened, 'diff.headline.tightened'],
    [s.kpis.added, 'diff.headline.added'],
    [s.kpis.removed, 'diff.headline.removed'],
    [s.kpis.changed, 'diff.headline.changed'],
    [s.historyRewritten, 'diff.headline.history'],
    [s.problems.new, 'diff.headline.new-problems'],
    [s.problems.fixed, 'diff.headline.fixed-problems'],
    [s.unparsed, 'diff.headline.unparsed'],
  ];
  for (const [count, key] of counted) if (count > 0) parts.push(words.t(key, { count }));
  // A goal's own change (its title, owner, parent) when nothing else changed: still say that something did.
  const goals = s.goals.added + s.goals.removed + s.goals.changed;
  if (parts.length === 0 && goals > 0) parts.push(words.t('diff.headline.goals', { count: goals }));
  return parts.length === 0 ? words.t('diff.headline.none') : parts.join('; ');
}

/** Whether the diff found anything at all (`--exit-code`, and the CI comment that is skipped when nothing changed). */
export function hasChanges(diff: ScorecardDiff): boolean {
  return diff.kpis.length > 0 || diff.goals.length > 0 || diff.problems.new.length > 0 || diff.problems.fixed.length > 0 || diff.unparsed.length > 0;
}

/**
 * The head's `rev` in the editor's "Compare with last commit": the text of
 * the open editors, saved or not (its commit is null). Here, not in
 * core/diff.ts, so that the preview's page script, which shows it, does not
 * take in the lint engine.
 */
export const EDITOR_TEXT = 'editor';

/** "origin/main (3f2a1b0) → working tree"; "HEAD (3f2a1b0) → the editor's text" in the editor. */
export function sidesText(diff: ScorecardDiff, words: Translator = translator('en')): string {
  // A revision given as a commit id is shown once: "93f5865", not "93f5865 (93f5865)".
  const side = (rev: string, commit: string | null) =>
    commit === null
      ? words.t(rev === EDITOR_TEXT ? 'diff.editor-text' : 'diff.working-tree')
      : commit.startsWith(rev.toLowerCase())
        ? commit.slice(0, Math.max(7, rev.length))
        : words.t('diff.side-commit', { rev: plainText(rev), commit: commit.slice(0, 7) });
  return words.t('diff.sides', { base: side(diff.base.rev, diff.base.commit), head: side(diff.head.rev, diff.head.commit) });
}

const FIELD_WORDS: Readonly<Record<string, MessageKey>> = {
  'target.value': 'diff.field.target.value',
  'target.date': 'diff.field.target.date',
  'baseline.value': 'diff.field.baseline.value',
  'baseline.date': 'diff.field.baseline.date',
  'thresholds.atRisk': 'diff.field.thresholds.atRisk',
  'thresholds.offTrack': 'diff.field.thresholds.offTrack',
  direction: 'diff.field.direction',
  unit: 'diff.field.unit',
  frequency: 'diff.field.frequency',
  aggregation: 'diff.field.aggregation',
  category: 'diff.field.category',
  goals: 'diff.field.goals',
  name: 'diff.field.name',
  title: 'diff.field.title',
  owner: 'diff.field.owner',
  description: 'diff.field.description',
  rationale: 'diff.field.rationale',
  tags: 'diff.field.tags',
  parent: 'diff.field.parent',
  kpis: 'diff.field.kpis',
  due: 'diff.field.due',
};

/** A field's name for people: "target", "at-risk threshold", "plan for 2026-06" (Swedish "målvärde", "risknivå", "plan för 2026-06"). */
export function fieldLabel(field: string, words: Translator = translator('en')): string {
  if (field.startsWith('plan.')) return words.t('diff.field.plan', { date: plainText(field.slice('plan.'.length)) });
  return Object.hasOwn(FIELD_WORDS, field) ? words.t(FIELD_WORDS[field]) : plainText(field);
}

const VALUE_FIELDS = /^(target|baseline)\.value$|^thresholds\.|^plan\./;

/** A field's value on one side: a figure with the KPI's unit, a category in words, a list, or "none". */
export function fieldValue(change: FieldChange, side: 'from' | 'to', unit: string | null, words: Translator = translator('en')): string {
  const value = change[side];
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return words.t('diff.none');
  if (typeof value === 'number') return VALUE_FIELDS.test(change.field) ? formatValue(value, unit, undefined, words) : words.number(value);
  if (Array.isArray(value)) return value.map((item) => plainText(String(item))).join(', ');
  if (change.field === 'category' && typeof value === 'string') return categoryLabel(value, words);
  return plainText(typeof value === 'string' ? value : JSON.stringify(value));
}

const VERDICT_WORDS: Readonly<Record<NonNullable<FieldChange['verdict']>, MessageKey>> = {
  loosened: 'diff.verdict.loosened',
  tightened: 'diff.verdict.tightened',
  later: 'diff.verdict.later',
  earlier: 'diff.verdict.earlier',
};

/** "loosened", "tightened", "later", "earlier", or '' for a change that is neither. */
export function fieldVerdict(change: FieldChange, words: Translator = translator('en')): string {
  return change.verdict === null ? '' : words.t(VERDICT_WORDS[change.verdict]);
}

/** Whether a change makes the KPI easier to meet or its target later: a reviewer's red flag. */
export function isLoosening(change: FieldChange): boolean {
  return change.verdict === 'loosened' || change.verdict === 'later';
}

/** "3 measurements added, 1 past measurement edited, history rewritten": one line per KPI. */
export function dataSummary(data: DataChange, words: Translator = translator('en')): string {
  const parts: string[] = [];
  if (data.added.length > 0) parts.push(words.t('diff.data.added', { count: data.added.length }));
  if (data.edited.length > 0) parts.push(words.t('diff.data.edited', { count: data.edited.length }));
  if (data.removed.length > 0) parts.push(words.t('diff.data.removed', { count: data.removed.length }));
  if (data.historyRewritten) parts.push(words.t('diff.data.rewritten'));
  return parts.join(', ');
}

/** "2026-03: 4.1 % → 4.3 %" for each past measurement that was edited. */
export function editedMeasurements(kpi: KpiDiff, words: Translator = translator('en')): string[] {
  const unit = kpi.unit ?? null;
  return (kpi.data?.edited ?? []).map((e) =>
    words.t('diff.data.edit', { date: plainText(e.date), from: formatValue(e.from, unit, undefined, words), to: formatValue(e.to, unit, undefined, words) }),
  );
}
