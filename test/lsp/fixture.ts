import { yaml } from '../helpers';

/** A two-file workspace: goals in one file, KPIs in another, with known problems. */
export const STRATEGY = yaml`
  kpi: 1
  goals:
    - id: grow-revenue
      title: Grow recurring revenue
    - id: happy-customers
      title: Happy customers
      parent: grow-revenue
`;

export const SALES = yaml`
  kpi: 1
  kpis:
    - id: sales-growth
      name: Sales growth
      category: financial
      goals: [grow-revenue]
      owner: Erik Lund
      rationale: Decides the hiring plan.
      unit: "%"
      frequency: monthly
      baseline: { value: 4.0, date: 2025-12 }
      target: { value: 6.0, date: 2026-12 }
      thresholds: { atRisk: 5.5, offTrack: 5.0 }
      source: CRM
      measurements:
        - { date: 2026-09, value: 5.4 }
        - { date: 2026-10, value: 5.6 }
    - id: nps
      name: Net promoter score
      category: customer
      goals: [happy-customer]
      rationale: Decides support staffing.
      unit: score
      frequency: quarterly
      target: { value: 50, date: 2026-12 }
      source: Survey tool
      measurements:
        - { date: 2026-Q3, value: 45 }
`;

export const SETTINGS = { asOf: '2026-11-27', debounce: 20 };
