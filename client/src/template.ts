/** The text of a new KPI file (KPI: New KPI File from Template). */
export const NEW_FILE_TEMPLATE = `# A KPI file: goals and the KPIs that measure them. Hover a key for its meaning.
kpi: 1
title: My scorecard
goals:
  - id: grow-revenue
    title: Grow recurring revenue 20 % in 2027
    owner: Name of the owner
    due: 2027-12-31
kpis:
  - id: revenue-growth
    name: Revenue growth
    category: financial
    goals: [grow-revenue]
    owner: Name of the owner
    rationale: The decision this KPI informs.
    unit: "%"
    direction: increase
    frequency: monthly
    baseline: { value: 0, date: 2026-12 }
    target: { value: 20, date: 2027-12 }
    source: System of record
    measurements: []
`;
