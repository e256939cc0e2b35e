import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseCalendarDay } from '../../server/src/core/dates';
import type { LocaleOrPseudo } from '../../server/src/core/l10n/locale';
import { buildScorecard, type Scorecard } from '../../server/src/core/scorecard';
import type { KpiStatusWord } from '../../server/src/core/status';
import { Project } from '../../server/src/lsp/project';
import { applyScorecardPatch, scorecardPatch, type RevisedResult, type ScorecardResult } from '../../server/src/lsp/protocol';
import { Random } from '../fuzz/random';

/**
 * The language server's kept scorecard (core ScorecardBuilder, kept by the
 * Project) and the preview's patched model, after random edits, against a
 * scorecard built from scratch of the same texts. Modelled on the `--cache`
 * test: any difference is a bug in what is kept or in the patch.
 */

const GOAL_IDS = ['grow', 'keep', 'cut', 'win', 'lead'];
const KPI_IDS = Array.from({ length: 14 }, (_, i) => `k${i}`);
const AS_OF_DATES = ['2026-11-27', '2026-06-30', '2027-01-15'];
const CONFIGS = [
  undefined,
  'title: Random scorecard\n',
  'status:\n  atRiskBand: 0.3\n  nearTarget: 0.05\n',
  'fiscalYearStart: 4\n',
  'rules:\n  stale-data: error\n',
  'locale: sv\n',
];

interface GoalModel {
  id: string;
  title: string;
  parent?: string;
}

interface KpiModel {
  id: string;
  name: string;
  goals: string[];
  direction: 'increase' | 'decrease';
  baseline?: number;
  target?: number;
  thresholds?: [number, number];
  csv: boolean;
  measurements: { date: string; value: number }[];
}

interface FileModel {
  goals: GoalModel[];
  kpis: KpiModel[];
  broken: boolean;
}

function month(random: Random): string {
  return `${random.pick(['2025', '2026', '2027'])}-${String(random.between(1, 12)).padStart(2, '0')}`;
}

function randomKpi(random: Random): KpiModel {
  return {
    id: random.pick(KPI_IDS),
    name: `KPI ${random.int(100)}`,
    goals: random.chance(0.8) ? [random.pick(GOAL_IDS)] : [],
    direction: random.chance(0.7) ? 'increase' : 'decrease',
    baseline: random.chance(0.8) ? random.int(50) : undefined,
    target: random.chance(0.8) ? random.int(100) : undefined,
    thresholds: random.chance(0.3) ? [random.int(60), random.int(60)] : undefined,
    csv: random.chance(0.25),
    measurements: Array.from({ length: random.int(5) }, () => ({ date: month(random), value: random.int(100) / 4 })),
  };
}

function randomGoal(random: Random): GoalModel {
  return { id: random.pick(GOAL_IDS), title: `Goal ${random.int(100)}`, ...(random.chance(0.3) ? { parent: random.pick(GOAL_IDS) } : {}) };
}

function render(file: FileModel): string {
  const lines = ['kpi: 1'];
  if (file.goals.length > 0) lines.push('goals:');
  for (const goal of file.goals) {
    lines.push(`  - id: ${goal.id}`, `    title: ${goal.title}`);
    if (goal.parent) lines.push(`    parent: ${goal.parent}`);
  }
  if (file.kpis.length > 0) lines.push('kpis:');
  for (const kpi of file.kpis) {
    lines.push(
      `  - id: ${kpi.id}`,
      `    name: ${kpi.name}`,
      '    category: financial',
      `    goals: [${kpi.goals.join(', ')}]`,
      `    direction: ${kpi.direction}`,
    );
    lines.push('    frequency: monthly', '    unit: "%"');
    if (kpi.baseline !== undefined) lines.push(`    baseline: { value: ${kpi.baseline}, date: 2025-12 }`);
    if (kpi.target !== undefined) lines.push(`    target: { value: ${kpi.target}, date: 2026-12 }`);
    if (kpi.thresholds) lines.push(`    thresholds: { atRisk: ${kpi.thresholds[0]}, offTrack: ${kpi.thresholds[1]} }`);
    if (kpi.csv) lines.push('    source: { file: data/figures.csv, date: month, value: value }');
    if (kpi.measurements.length > 0) lines.push('    measurements:');
    for (const m of kpi.measurements) lines.push(`      - { date: ${m.date}, value: ${m.value} }`);
  }
  if (file.broken) lines.push('  - id: [broken');
  return lines.join('\n') + '\n';
}

/** The workspace as the server sees it after each edit, and the same texts as a fresh project does. */
class Scenario {
  readonly root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-incremental-')));
  readonly files = new Map<string, FileModel>();
  readonly project = new Project(this.root);
  asOf = AS_OF_DATES[0];
  locale: LocaleOrPseudo = 'en';
  private csvRows = 'month,value\n2026-09,10\n2026-10,12\n';

  constructor(private readonly random: Random) {
    fs.mkdirSync(path.join(this.root, 'data'));
    fs.writeFileSync(path.join(this.root, 'data', 'figures.csv'), this.csvRows);
    for (let i = 0; i < 4; i++) this.write(`f${i}.kpi.yaml`, this.randomFile());
    this.project.loadConfig();
  }

  private randomFile(): FileModel {
    const random = this.random;
    return {
      goals: Array.from({ length: random.int(3) }, () => randomGoal(random)),
      kpis: Array.from({ length: random.between(1, 4) }, () => randomKpi(random)),
      broken: false,
    };
  }

  private write(name: string, file: FileModel): void {
    this.files.set(name, file);
    const full = path.join(this.root, name);
    const text = render(file);
    fs.writeFileSync(full, text);
    this.project.set(full, text);
  }

  /** One random edit, as the server hears of it; returns what it was, for a failure's message. */
  edit(): string {
    const random = this.random;
    const names = [...this.files.keys()];
    const name = random.pick(names);
    const file = structuredClone(this.files.get(name)!);
    const kpi = file.kpis.length > 0 ? random.pick(file.kpis) : undefined;
    const goal = file.goals.length > 0 ? random.pick(file.goals) : undefined;
    const kind = random.pick([
      'value',
      'value',
      'value',
      'name',
      'measurement+',
      'measurement-',
      'kpi+',
      'kpi-',
      'kpi-order',
      'goal+',
      'goal-',
      'rename-kpi',
      'rename-goal',
      'links',
      'parent',
      'target',
      'break',
      'file+',
      'file-',
      'config',
      'as-of',
      'locale',
      'csv',
      'csv',
    ]);
    switch (kind) {
      case 'value':
        if (kpi?.measurements.length) random.pick(kpi.measurements).value = random.int(100) / 4;
        break;
      case 'name':
        if (kpi) kpi.name = `KPI ${random.int(100)}`;
        break;
      case 'measurement+':
        kpi?.measurements.push({ date: month(random), value: random.int(100) });
        break;
      case 'measurement-':
        kpi?.measurements.splice(random.int(kpi.measurements.length), 1);
        break;
      case 'kpi+':
        file.kpis.splice(random.int(file.kpis.length + 1), 0, randomKpi(random));
        break;
      case 'kpi-':
        file.kpis.splice(random.int(file.kpis.length), 1);
        break;
      case 'kpi-order':
        file.kpis.reverse();
        break;
      case 'goal+':
        file.goals.push(randomGoal(random));
        break;
      case 'goal-':
        file.goals.splice(random.int(file.goals.length), 1);
        break;
      case 'rename-kpi':
        if (kpi) kpi.id = random.pick(KPI_IDS);
        break;
      case 'rename-goal':
        if (goal) goal.id = random.pick(GOAL_IDS);
        break;
      case 'links':
        if (kpi) kpi.goals = GOAL_IDS.filter(() => random.chance(0.3));
        break;
      case 'parent':
        if (goal) goal.parent = random.chance(0.5) ? random.pick(GOAL_IDS) : undefined;
        break;
      case 'target':
        if (kpi) [kpi.target, kpi.direction] = [random.int(100), random.chance(0.5) ? 'increase' : 'decrease'];
        break;
      case 'break':
        file.broken = !file.broken;
        break;
      case 'file+':
        this.write(`f${names.length + random.int(3)}.kpi.yaml`, this.randomFile());
        return `${kind} ${name}`;
      case 'file-':
        if (names.length > 1) {
          this.files.delete(name);
          fs.rmSync(path.join(this.root, name));
          this.project.delete(path.join(this.root, name));
        }
        return `${kind} ${name}`;
      case 'config': {
        const config = random.pick(CONFIGS);
        const configFile = path.join(this.root, 'kpi.config.yaml');
        if (config === undefined) fs.rmSync(configFile, { force: true });
        else fs.writeFileSync(configFile, config);
        this.project.loadConfig();
        return `${kind} ${JSON.stringify(config)}`;
      }
      case 'as-of':
        this.asOf = random.pick(AS_OF_DATES);
        return `${kind} ${this.asOf}`;
      case 'locale':
        this.locale = this.locale === 'en' ? 'sv' : 'en';
        return `${kind} ${this.locale}`;
      case 'csv':
        this.csvRows += `${month(random)},${random.int(40)}\n`;
        fs.writeFileSync(path.join(this.root, 'data', 'figures.csv'), this.csvRows);
        this.project.sourceChanged();
        return kind;
    }
    this.write(name, file);
    return `${kind} ${name}`;
  }

  /** The scorecard the server keeps, built from what it kept. */
  kept(): { scorecard: Scorecard; counts: Partial<Record<KpiStatusWord, number>> } {
    const { workspace } = this.project.lint(parseCalendarDay(this.asOf)!, true, this.locale);
    const builder = this.project.scorecardBuilder(this.locale);
    return { scorecard: builder.build(workspace), counts: builder.statusCounts(workspace) };
  }

  /**
   * The scorecard of the same texts and settings, from scratch, and each
   * goal's and KPI's status as the workspace tells it (what hover shows),
   * which does not go through a scorecard builder.
   */
  fresh(): { scorecard: Scorecard; statuses: string[] } {
    const project = new Project(this.root);
    project.loadConfig();
    for (const name of this.files.keys()) project.set(path.join(this.root, name), fs.readFileSync(path.join(this.root, name), 'utf8'));
    const { workspace } = project.lint(parseCalendarDay(this.asOf)!, true, this.locale);
    const scorecard = buildScorecard(workspace, project.shownPath, this.locale);
    const statuses = [
      ...scorecard.goals.map((g) => `goal ${g.id} ${workspace.goalStatus(g.id)}`),
      ...scorecard.kpis.map((k) => `kpi ${k.id} ${workspace.status(workspace.kpi(k.id)!).status}`),
    ];
    return { scorecard, statuses };
  }
}

/** What the client receives: the answer as JSON carries it. */
function overTheWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function counted(scorecard: Scorecard): Partial<Record<KpiStatusWord, number>> {
  const counts: Partial<Record<KpiStatusWord, number>> = {};
  for (const kpi of scorecard.kpis) counts[kpi.status] = (counts[kpi.status] ?? 0) + 1;
  return counts;
}

describe('the language server scorecard kept between edits', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`equals a scorecard from scratch after each of 60 random edits, and so does the preview's patched model (seed ${seed})`, () => {
      const random = new Random(seed);
      const scenario = new Scenario(random);
      const answer = (scorecard: Scorecard, revision: number): RevisedResult => ({
        revision: `r${revision}`,
        scorecard,
        root: scenario.root,
        uris: Object.fromEntries([...scenario.files.keys()].map((name) => [name, `file://${scenario.root}/${name}`])),
        errors: 0,
        warnings: 0,
        csvRead: true,
        locale: scenario.locale,
      });
      let sent = answer(scenario.kept().scorecard, 0);
      let model: ScorecardResult | undefined = overTheWire(sent);
      let patchedItems = 0;
      for (let step = 1; step <= 60; step++) {
        const what = scenario.edit();
        const { scorecard, counts } = scenario.kept();
        const { scorecard: fresh, statuses } = scenario.fresh();
        assert.deepEqual(scorecard, fresh, `step ${step}: ${what}`);
        assert.deepEqual(
          [...scorecard.goals.map((g) => `goal ${g.id} ${g.status}`), ...scorecard.kpis.map((k) => `kpi ${k.id} ${k.status}`)],
          statuses,
          `step ${step}: the statuses the workspace gives after ${what}`,
        );
        assert.deepEqual(counts, counted(fresh), `step ${step}: status counts after ${what}`);
        const next = answer(scorecard, step);
        const patch = overTheWire(scorecardPatch(sent, next));
        patchedItems += patch.kpis.changed.length + patch.goals.changed.length;
        model = applyScorecardPatch(model, patch);
        assert.deepEqual(model, overTheWire(next), `step ${step}: the patched model after ${what}`);
        sent = next;
      }
      // The patches carried what changed, not every item each time.
      assert.ok(patchedItems > 0);
    });
  }

  it('a patch applies only to the answer it was made against', () => {
    const scorecard: Scorecard = { title: 'T', asOf: '2026-11-27', goals: [], kpis: [] };
    const base = { scorecard, root: '/ws', uris: {}, errors: 0, warnings: 0, csvRead: true, locale: 'en' as const };
    const patch = scorecardPatch({ ...base, revision: 'a-1' }, { ...base, revision: 'a-2', errors: 3, scorecard: { ...scorecard, title: 'U' } });
    assert.deepEqual(patch, {
      revision: 'a-2',
      since: 'a-1',
      fields: { errors: 3 },
      title: 'U',
      goals: { length: 0, changed: [] },
      kpis: { length: 0, changed: [] },
    });
    assert.equal(applyScorecardPatch({ ...base, revision: 'b-1' }, patch), undefined);
    assert.equal(applyScorecardPatch(undefined, patch), undefined);
    assert.deepEqual(applyScorecardPatch({ ...base, revision: 'a-1' }, patch), {
      ...base,
      revision: 'a-2',
      errors: 3,
      scorecard: { ...scorecard, title: 'U' },
    });
  });
});
