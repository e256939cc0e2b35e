import { translator, type Translator } from '../../server/src/core/l10n/catalogue';

/** A text of the template as a YAML plain scalar, or quoted when it would not read back as itself. */
function scalar(text: string): string {
  return /^[\p{L}\p{N}][^:#\n"']*$/u.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}

/** The text of a new KPI file (KPI: New KPI File from Template), its words in a language; the keys are YAML's. */
export function newFileTemplate(words: Translator = translator('en')): string {
  const t = (key: Parameters<Translator['t']>[0]) => scalar(words.t(key));
  return `# ${words.t('client.template.comment')}
kpi: 1
title: ${t('client.template.title')}
goals:
  - id: grow-revenue
    title: ${t('client.template.goal-title')}
    owner: ${t('client.template.owner')}
    due: 2027-12-31
kpis:
  - id: revenue-growth
    name: ${t('client.template.kpi-name')}
    category: financial
    goals: [grow-revenue]
    owner: ${t('client.template.owner')}
    rationale: ${t('client.template.rationale')}
    unit: "%"
    direction: increase
    frequency: monthly
    baseline: { value: 0, date: 2026-12 }
    target: { value: 20, date: 2027-12 }
    source: ${t('client.template.source')}
    measurements: []
`;
}

/** The template in English. */
export const NEW_FILE_TEMPLATE = newFileTemplate();
