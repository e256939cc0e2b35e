/** Deterministic synthetic KPI workspaces for the benchmarks (~1 KB per complete KPI). */

const CATEGORIES = ['financial', 'operational', 'customer', 'hr'] as const;

/** A small, seeded pseudo-random generator, so every run measures the same files. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function goalsFile(count: number): string {
  const lines = ['kpi: 1', 'title: Strategy', 'goals:'];
  for (let g = 0; g < count; g++) lines.push(`  - id: goal-${g}`, `    title: Goal number ${g}`, `    owner: Owner ${g % 17}`, '    due: 2027-12-31');
  return `${lines.join('\n')}\n`;
}

/** A file of complete KPIs with 12 monthly measurements each, linked to `goals` goals round-robin. */
export function kpiFile(prefix: string, count: number, goals: number, seed: number): string {
  const next = random(seed);
  const lines = ['kpi: 1', `title: Scorecard ${prefix}`, 'kpis:'];
  for (let i = 0; i < count; i++) {
    const base = Math.round(next() * 1000) / 10 + 10;
    lines.push(
      `  - id: ${prefix}-kpi-${i}`,
      `    name: Measured quantity ${prefix} ${i}`,
      `    description: A synthetic KPI used to measure the linter on large workspaces.`,
      `    category: ${CATEGORIES[i % 4]}`,
      `    goals: [goal-${(i * 7 + seed) % goals}]`,
      `    owner: Person ${i % 23}`,
      `    rationale: Informs the monthly review of area ${i % 11}.`,
      '    unit: "%"',
      '    direction: increase',
      '    frequency: monthly',
      `    baseline: { value: ${base}, date: 2025-12 }`,
      `    target: { value: ${Math.round(base * 12) / 10}, date: 2026-12 }`,
      `    thresholds: { atRisk: ${Math.round(base * 11) / 10}, offTrack: ${Math.round(base * 10.5) / 10} }`,
      '    source: Data warehouse',
      '    measurements:',
    );
    for (let m = 1; m <= 12; m++) lines.push(`      - { date: 2026-${String(m).padStart(2, '0')}, value: ${Math.round((base + m * next() * 0.4) * 10) / 10} }`);
  }
  return `${lines.join('\n')}\n`;
}
