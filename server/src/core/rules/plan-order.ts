import { planProblems, type PlanProblem } from '../definition';
import { message } from '../l10n/catalogue';
import type { FindingMessage, Rule } from '../rule';
import type { Kpi } from '../types';
import { keyOf, valueOf } from './helpers';

/** What is wrong with the plan, in the words of the rule's messages (ordinals are the catalogue's `selectordinal`, in each language). */
function said(kpi: Kpi, problem: PlanProblem): FindingMessage {
  if (problem.kind === 'no-target') return { messageId: 'no-target', messageData: { kpi: kpi.id } };
  const entry = message('rules.plan-order.entry', { index: problem.entry.index + 1, date: problem.entry.date.text });
  switch (problem.kind) {
    case 'before-baseline':
      return { messageId: 'before-baseline', messageData: { entry, baseline: kpi.baseline!.date!.text } };
    case 'after-target':
      return { messageId: 'after-target', messageData: { entry, target: kpi.target!.date!.text } };
    case 'same-period':
      return {
        messageId: 'same-period',
        messageData: { entry, frequency: kpi.frequency ?? 'none', earlier: problem.earlier.index + 1, earlierDate: problem.earlier.date.text },
      };
  }
}

export const planOrder: Rule = {
  scope: 'file',
  meta: {
    id: 'plan-order',
    group: 'data',
    severity: 'error',
    messages: ['no-target', 'entry', 'before-baseline', 'after-target', 'same-period'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      for (const problem of planProblems(kpi)) {
        const at = problem.kind === 'no-target' ? keyOf(kpi, 'plan') : valueOf(kpi, 'plan', problem.entry.index, 'date');
        report({ file: kpi.file, at, ...said(kpi, problem) });
      }
    }
  },
};
