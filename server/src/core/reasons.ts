import { formatDay } from './dates';
import { decimalsOf } from './numbers';
import { shownNumber } from './rules/helpers';
import type { KpiStatus, StatusReason } from './status';
import type { Direction } from './types';

/**
 * SPEC §5.8: a KPI status's reason as one phrase in the reader's words, e.g.
 * "3.2 behind plan (plan 38.3 for 2026-10; at risk down to 35.8)". Every
 * view shows this same phrase: JSON `reason`, the table, the scorecard,
 * hover and CodeLens.
 */
export function reasonText(status: Pick<KpiStatus, 'reason' | 'leftOut'>, direction: Direction): string {
  const text = reasonPhrase(status.reason, direction);
  const { leftOut } = status;
  if (leftOut === 0 || status.reason.kind === 'invalid') return text;
  return `${text}; ${leftOut} measurement${leftOut === 1 ? '' : 's'} with errors left out`;
}

function reasonPhrase(reason: StatusReason, direction: Direction): string {
  const increase = direction === 'increase';
  switch (reason.kind) {
    case 'invalid':
      return `fix the errors in its definition (${reason.errors})`;
    case 'no-measurement':
      return `no measurement up to ${formatDay(reason.asOf)}`;
    case 'no-target':
      return 'no target';
    case 'target-met':
      return `meets the target ${shownNumber(reason.target)}`;
    case 'threshold': {
      const name = reason.threshold === 'atRisk' ? 'at-risk' : 'off-track';
      const side = reason.met ? (increase ? 'at or above' : 'at or below') : increase ? 'below' : 'above';
      return `${side} the ${name} threshold ${shownNumber(reason.value)}`;
    }
    case 'plan': {
      // Computed figures get the decimals of the KPI's own (at most 3); a gap too small for them gets up to three.
      const places = Math.min(Math.max(...reason.figures.map(decimalsOf)), 3);
      const figure = (n: number) => (Math.abs(n) >= 10 ** -places || n === 0 ? n.toFixed(places) : shownNumber(n));
      const plan = `plan ${figure(reason.planned)} for ${reason.date}`;
      if (reason.ahead === 0) return `on plan (${plan})`;
      if (reason.ahead > 0) return `${figure(reason.ahead)} ahead of plan (${plan})`;
      return `${figure(-reason.ahead)} behind plan (${plan}; at risk ${increase ? 'down' : 'up'} to ${figure(reason.atRiskLimit)})`;
    }
    case 'near-target': {
      const share = `${shownNumber(reason.share * 100)} %`;
      return `${reason.near ? 'within' : 'more than'} ${share} ${reason.near ? 'of' : 'away from'} the target ${shownNumber(reason.target)}`;
    }
  }
}
