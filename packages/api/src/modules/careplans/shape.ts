import type { CarePlanSnapshot, CarePlanSummary, CarePlanView, GoalProgressView, Role } from '@caretracker/shared';
import { seesStaffFields } from './access';
import type { GoalRow, MedicationRow, PlanRow, ProgressRow } from './queries';

export function goalView(goal: GoalRow) {
  return {
    id: goal.id,
    description: goal.description,
    measure: goal.measure,
    baselineValue: goal.baselineValue,
    targetValue: goal.targetValue,
    unit: goal.unit,
    targetDate: goal.targetDate,
  };
}

export function medicationView(medication: MedicationRow) {
  return {
    id: medication.id,
    name: medication.name,
    dose: medication.dose,
    route: medication.route,
    times: medication.times,
    prn: medication.prn,
    prnIndication: medication.prnIndication,
    instructions: medication.instructions,
  };
}

export function progressView(entry: ProgressRow): GoalProgressView {
  return {
    id: entry.id,
    recordedAt: entry.recordedAt.toISOString(),
    value: entry.value,
    note: entry.note,
    visitId: entry.visitId,
    recordedBy: entry.createdBy,
  };
}

/** The plan whole, as a version keeps it: fields, goals and medications. */
export function snapshotOf(plan: PlanRow, goals: GoalRow[], medications: MedicationRow[]): CarePlanSnapshot {
  return {
    id: plan.id,
    clientId: plan.clientId,
    status: plan.status,
    title: plan.title,
    goals: goals.map(goalView),
    activities: plan.activities.map((a) => ({ code: a.code, name: a.name, instructions: a.instructions ?? null })),
    medications: medications.map(medicationView),
    specialInstructions: plan.specialInstructions,
    emergencyProtocol: plan.emergencyProtocol,
    safetyNotes: plan.safetyNotes,
    diagnosisCodes: plan.diagnosisCodes,
    requiredSkills: plan.requiredSkills,
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
    nextReviewOn: plan.nextReviewOn,
    approvedBy: plan.approvedBy,
    approvedAt: plan.approvedAt?.toISOString() ?? null,
    statusReason: plan.statusReason,
    version: plan.version,
  };
}

export interface PlanDetail {
  plan: PlanRow;
  goals: GoalRow[];
  medications: MedicationRow[];
  progress: ProgressRow[];
  visits: Array<{ id: string; scheduledStart: Date; scheduledEnd: Date; status: string; workerId: string | null }>;
}

/** A plan as this viewer may read it: staff-only fields for supervisors and admins only. */
export function shapePlan(detail: PlanDetail, viewer: Role): CarePlanView {
  const { plan } = detail;
  const { approvedBy, statusReason, goals: _goals, ...snapshot } = snapshotOf(plan, detail.goals, detail.medications);
  const view: CarePlanView = {
    ...snapshot,
    goals: detail.goals.map((goal) => ({
      ...goalView(goal),
      progress: detail.progress.filter((entry) => entry.goalId === goal.id).map(progressView),
    })),
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    visits: detail.visits.map((visit) => ({
      id: visit.id,
      scheduledStart: visit.scheduledStart.toISOString(),
      scheduledEnd: visit.scheduledEnd.toISOString(),
      status: visit.status,
      workerId: visit.workerId,
    })),
  };
  if (seesStaffFields(viewer)) {
    Object.assign(view, { approvedBy, statusReason, createdBy: plan.createdBy, updatedBy: plan.updatedBy });
  }
  return view;
}

export function summaryOf(plan: PlanRow): CarePlanSummary {
  return {
    id: plan.id,
    clientId: plan.clientId,
    status: plan.status,
    title: plan.title,
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
    nextReviewOn: plan.nextReviewOn,
    approvedAt: plan.approvedAt?.toISOString() ?? null,
    version: plan.version,
    updatedAt: plan.updatedAt.toISOString(),
  };
}
