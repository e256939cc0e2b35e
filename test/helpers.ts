import * as fs from 'node:fs';
import * as path from 'node:path';
import { goalsFile, kpiFile } from '../bench/generate';
import { EMPTY_CONFIG, parseConfig } from '../server/src/core/config';
import { parseCalendarDay } from '../server/src/core/dates';
import type { FileReader } from '../server/src/core/host';
import type { LocaleOrPseudo } from '../server/src/core/l10n/locale';
import { lintWorkspace, type LintResult } from '../server/src/core/lint';
import { parseKpiFile } from '../server/src/core/parse';
import { RULES, RULE_METAS } from '../server/src/core/rules';

/** The repository (tests run from out/test/). */
export const REPO = path.resolve(__dirname, '..', '..');

/** The root of the in-memory workspaces the tests lint. */
export const ROOT = path.resolve('/ws');

/** Every KPI file under samples/ (the pitfalls too): its path there and its text. */
export function sampleKpiFiles(): { name: string; text: string }[] {
  return fs
    .readdirSync(path.join(REPO, 'samples'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.kpi.yaml'))
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(REPO, 'samples', f), 'utf8') }));
}

/**
 * The KPI files of samples/ and three of the benchmark's (goals, clean KPIs,
 * KPIs with findings): texts the tests of positions hold to `yaml`'s own.
 */
export function sampleAndBenchmarkFiles(): { name: string; text: string }[] {
  return [
    ...sampleKpiFiles(),
    { name: 'goals', text: goalsFile(30) },
    { name: 'clean', text: kpiFile('a', 40, 0, 1) },
    { name: 'findings', text: kpiFile('b', 40, 0, 2, true) },
  ];
}

/** Strips the common indentation of a template literal, so fixtures can be indented in tests. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values)
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n');
  const indents = raw
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => /^ */.exec(l)![0].length);
  const cut = Math.min(...indents);
  return raw
    .split('\n')
    .map((l) => l.slice(cut))
    .join('\n');
}

/** A file's content in a fixture: text (stored as UTF-8) or bytes as they are. */
export type FixtureContent = string | Uint8Array;

/** A file system made of a map from workspace-relative paths to contents. */
export function memoryReader(files: Readonly<Record<string, FixtureContent>>): FileReader {
  const byPath = new Map(Object.entries(files).map(([name, content]) => [path.join(ROOT, name), Buffer.from(content)]));
  return {
    realpath: (file) => (byPath.has(file) || file === ROOT ? file : undefined),
    readBytes: (file) => byPath.get(file) ?? new Error('it does not exist'),
  };
}

export interface LintFixtureOptions {
  /** The as-of date, `YYYY-MM-DD` (default 2026-11-27). */
  readonly asOf?: string;
  /** Run only this rule (default: the whole catalog). */
  readonly rule?: string;
  /** The text of kpi.config.yaml. */
  readonly config?: string;
  /** The language of the messages (default English). */
  readonly locale?: LocaleOrPseudo;
}

/** Lints in-memory files (`*.kpi.yaml` are KPI files, read as UTF-8 as the hosts do; others, such as CSV, are only readable). */
export function lintFixture(files: Readonly<Record<string, FixtureContent>>, options: LintFixtureOptions = {}): LintResult {
  const asOf = parseCalendarDay(options.asOf ?? '2026-11-27');
  if (asOf === undefined) throw new Error(`bad as-of date ${options.asOf}`);
  const rules = options.rule === undefined ? RULES : RULES.filter((r) => r.meta.id === options.rule);
  if (rules.length === 0) throw new Error(`no rule ${options.rule}`);
  let config = EMPTY_CONFIG;
  if (options.config !== undefined) {
    const parsed = parseConfig(options.config, RULE_METAS);
    if (parsed.problems.length > 0) throw new Error(parsed.problems.join('; '));
    config = parsed.config;
  }
  const kpiFiles = Object.entries(files)
    .filter(([name]) => /\.kpi\.ya?ml$/.test(name))
    .map(([name, content]) => parseKpiFile(path.join(ROOT, name), Buffer.from(content).toString('utf8')));
  return lintWorkspace(kpiFiles, { root: ROOT, asOf, config, reader: memoryReader(files), rules, locale: options.locale });
}

export interface Found {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

/** Each diagnostic as `{ file, line, code }`, with 1-based lines, in file then position order. */
export function found(result: LintResult): Found[] {
  return result.files.flatMap(({ file, lines, diagnostics }) =>
    diagnostics.map((d) => ({ file: path.relative(ROOT, file.path), line: lines.lineOf(d.span.start) + 1, code: d.code })),
  );
}

/** The diagnostics of one rule over in-memory files: `{ file, line, code }` for each. */
export function lintRule(rule: string, files: Readonly<Record<string, FixtureContent>>, options: Omit<LintFixtureOptions, 'rule'> = {}): Found[] {
  return found(lintFixture(files, { ...options, rule }));
}

/** Every diagnostic message of a lint result, for tests that check wording. */
export function messages(result: LintResult): string[] {
  return result.files.flatMap((f) => f.diagnostics.map((d) => d.message));
}

/** The text a diagnostic points at: `file.text.slice(start, end)`. */
export function spans(result: LintResult): { code: string; text: string }[] {
  return result.files.flatMap(({ file, diagnostics }) => diagnostics.map((d) => ({ code: d.code, text: file.text.slice(d.span.start, d.span.end) })));
}

/** A goal file of two goals, `grow-revenue` and `keep-customers`, for KPIs in other files to link to. */
export const TWO_GOALS = yaml`
  kpi: 1
  goals:
    - id: grow-revenue
      title: Grow recurring revenue
    - id: keep-customers
      title: Keep customers
`;

/** A complete KPI that no rule complains about, to build fixtures from (as-of 2026-11-27). */
export const GOOD_FILE = yaml`
  kpi: 1
  goals:
    - id: grow-revenue
      title: Grow recurring revenue 20% in 2026
  kpis:
    - id: sales-growth
      name: Sales growth
      category: financial
      goals: [grow-revenue]
      owner: Erik Lund
      rationale: Decides the sales hiring plan.
      unit: "%"
      direction: increase
      frequency: monthly
      baseline: { value: 4.0, date: 2025-12 }
      target: { value: 6.0, date: 2026-12 }
      source: CRM monthly export
      measurements:
        - { date: 2026-08, value: 5.5 }
        - { date: 2026-09, value: 5.7 }
        - { date: 2026-10, value: 5.9 }
`;

/** A clean KPI where higher is better (as of 2026-11-27): GOOD_FILE with a fourth measurement; measurements 1–4 are lines 19–22. */
export const SALES_FILE = GOOD_FILE.replace(
  '      - { date: 2026-08, value: 5.5 }\n',
  '      - { date: 2026-07, value: 5.3 }\n      - { date: 2026-08, value: 5.5 }\n',
);

/** A clean KPI where lower is better, laid out like SALES_FILE. */
export const CHURN_FILE = yaml`
  kpi: 1
  goals:
    - id: keep-customers
      title: Keep more of our customers
  kpis:
    - id: churn
      name: Monthly churn
      category: customer
      goals: [keep-customers]
      owner: Anna Berg
      rationale: Decides where customer success spends its time.
      unit: "%"
      direction: decrease
      frequency: monthly
      baseline: { value: 3.0, date: 2025-12 }
      target: { value: 2.0, date: 2026-12 }
      source: CRM monthly export
      measurements:
        - { date: 2026-07, value: 2.6 }
        - { date: 2026-08, value: 2.5 }
        - { date: 2026-09, value: 2.4 }
        - { date: 2026-10, value: 2.3 }
`;
