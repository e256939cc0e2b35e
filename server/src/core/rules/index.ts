import type { Rule } from '../rule';
import { dateOrder } from './date-order';
import { duplicateId } from './duplicate-id';
import { duplicateMeasurement } from './duplicate-measurement';
import { futureMeasurement } from './future-measurement';
import { goalCycle } from './goal-cycle';
import { irrelevantKpi } from './irrelevant-kpi';
import { missingFrequency } from './missing-frequency';
import { missingOwner } from './missing-owner';
import { missingRationale } from './missing-rationale';
import { missingSource } from './missing-source';
import { missingTarget } from './missing-target';
import { missingUnit } from './missing-unit';
import { noData } from './no-data';
import { planOrder } from './plan-order';
import { snapshotMissing } from './snapshot-missing';
import { snapshotOutdated } from './snapshot-outdated';
import { schema } from './schema';
import { sourceBadRow } from './source-bad-row';
import { unknownConnection } from './unknown-connection';
import { sourceColumnMissing } from './source-column-missing';
import { sourceNotFound } from './source-not-found';
import { sourceOutsideWorkspace } from './source-outside-workspace';
import { staleData } from './stale-data';
import { targetDirection } from './target-direction';
import { targetOverdue } from './target-overdue';
import { thresholdOrder } from './threshold-order';
import { tooManyKpis } from './too-many-kpis';
import { unbalancedScorecard } from './unbalanced-scorecard';
import { unknownGoal } from './unknown-goal';
import { unlinkedKpi } from './unlinked-kpi';
import { unmeasuredGoal } from './unmeasured-goal';
import { unrealisticTarget } from './unrealistic-target';
import { vagueKpi } from './vague-kpi';
import { yamlSyntax } from './yaml-syntax';

/** The rule catalog of SPEC §4, in its order. Each rule lives in `<id>.ts`. */
export const RULES: readonly Rule[] = [
  yamlSyntax,
  schema,
  duplicateId,
  unlinkedKpi,
  unknownGoal,
  unmeasuredGoal,
  goalCycle,
  missingTarget,
  missingUnit,
  missingFrequency,
  missingSource,
  vagueKpi,
  irrelevantKpi,
  missingOwner,
  missingRationale,
  targetDirection,
  thresholdOrder,
  dateOrder,
  unrealisticTarget,
  targetOverdue,
  tooManyKpis,
  unbalancedScorecard,
  staleData,
  noData,
  duplicateMeasurement,
  futureMeasurement,
  sourceNotFound,
  sourceOutsideWorkspace,
  sourceColumnMissing,
  sourceBadRow,
  planOrder,
  unknownConnection,
  snapshotMissing,
  snapshotOutdated,
];

export const RULE_METAS = RULES.map((r) => r.meta);
