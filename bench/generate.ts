import * as fs from 'node:fs';
import * as path from 'node:path';
import { Random } from '../test/fuzz/random';

/** Deterministic synthetic KPI workspaces for the benchmarks (~1 KB per complete KPI). */

const CATEGORIES = ['financial', 'operational', 'customer', 'hr'] as const;
const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

/** A seeded stream of numbers in [0, 1) (test/fuzz/random.ts's generator), so every run measures the same files. */
export function random(seed: number): () => number {
  const generator = new Random(seed);
  return () => generator.next();
}

export function goalsFile(count: number): string {
  const lines = ['kpi: 1', 'title: Strategy', 'goals:'];
  for (let g = 0; g < count; g++) lines.push(`  - id: goal-${g}`, `    title: Goal number ${g}`, `    owner: Owner ${g % 17}`, '    due: 2027-12-31');
  return `${lines.join('\n')}\n`;
}

/**
 * A file of complete KPIs with 12 monthly measurements each (as of
 * 2026-11-27), KPI `first + i` linked to goal `(first + i) / 5`: no goal has
 * more than five KPIs.
 */
export function kpiFile(prefix: string, count: number, first: number, seed: number, findings = false): string {
  const next = random(seed);
  const lines = ['kpi: 1', `title: Scorecard ${prefix}`, 'kpis:'];
  for (let i = 0; i < count; i++) {
    // A steady climb with noise: on plan, and a target the past pace can reach.
    const base = Math.round(next() * 1000) / 10 + 10;
    const step = base / 100;
    const round = (n: number) => Math.round(n * 100) / 100;
    lines.push(
      `  - id: ${prefix}-kpi-${i}`,
      `    name: Measured quantity ${prefix} ${i}`,
      '    description: A synthetic KPI used to measure the linter on large workspaces.',
      `    category: ${CATEGORIES[i % 4]}`,
      `    goals: [goal-${Math.floor((first + i) / 5)}]`,
      `    owner: Person ${i % 23}`,
      // With findings: every other KPI without a rationale (missing-rationale).
      ...(findings && i % 2 === 1 ? [] : [`    rationale: Informs the monthly review of area ${i % 11}.`]),
      '    unit: "%"',
      '    direction: increase',
      '    frequency: monthly',
      `    baseline: { value: ${round(base)}, date: 2025-10 }`,
      // With findings: a target ten times the past pace away (unrealistic-target).
      `    target: { value: ${round(base + (findings ? 150 : 15) * step)}, date: 2026-12 }`,
      `    thresholds: { atRisk: ${round(base + 8 * step)}, offTrack: ${round(base + 4 * step)} }`,
      '    source: Data warehouse',
      '    measurements:',
    );
    MONTHS.forEach((month, m) => lines.push(`      - { date: ${month}, value: ${round(base + (m + 1) * step * (0.9 + 0.2 * next()))} }`));
    // With findings: two measurements dated after the as-of date 2026-11-27 (future-measurement), as a year-end data load gives.
    if (findings) lines.push(`      - { date: 2026-12, value: ${round(base + 13 * step)} }`, `      - { date: 2027-01, value: ${round(base + 14 * step)} }`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Writes a workspace of `files` files with `perFile` KPIs each, plus the
 * goals they link to. `findings`: every KPI has an unrealistic target and two
 * measurements after the as-of date, every other one no rationale: 3.5
 * findings per KPI, of three rules.
 */
export function writeWorkspace(dir: string, files: number, perFile: number, findings = false): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'strategy.kpi.yaml'), goalsFile(Math.ceil((files * perFile) / 5)));
  for (let f = 0; f < files; f++) {
    const folder = path.join(dir, `area-${Math.floor(f / 100)}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `team-${f}.kpi.yaml`), kpiFile(`t${f}`, perFile, f * perFile, f + 1, findings));
  }
}
