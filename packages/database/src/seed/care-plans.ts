import { randomUUID } from 'node:crypto';
import { carePlanSnapshotSchema } from '@caretracker/shared';
import type { Transaction } from '../client';
import { carePlanGoals, carePlanMedications, carePlans, carePlanVersions } from '../schema/index';
import { CARE_PROFILES } from './care-profiles';
import { DEMO_PEOPLE } from './demo-people';
import { idOf, type PeopleIds } from './people';
import { addDays } from './random';
import { type ClientSchedule, clock } from './schedule';

export interface SeededMedication {
  id: string;
  name: string;
  dose: string;
  /** Local HH:MM due times; empty for as-needed. */
  times: string[];
  prnIndication: string | null;
}

export interface SeededPlan {
  id: string;
  activityCodes: string[];
  medications: SeededMedication[];
  goals: Array<{ id: string; baseline: number; target: number; unit: string }>;
}

/** Clients whose review falls within the 14-day reminder window, so reminders have something to show. */
const REVIEW_SOON = new Set([0, 4, 9, 13, 17]);

/** One ACTIVE plan per client, approved by their supervisor, with versions 1 (draft) and 2 (approved). */
export async function seedCarePlans(
  tx: Transaction,
  ids: PeopleIds,
  schedules: ClientSchedule[],
  today: string,
): Promise<Map<string, SeededPlan>> {
  const plans = new Map<string, SeededPlan>();
  const planRows: Array<typeof carePlans.$inferInsert> = [];
  const goalRows: Array<typeof carePlanGoals.$inferInsert> = [];
  const medicationRows: Array<typeof carePlanMedications.$inferInsert> = [];
  const versionRows: Array<typeof carePlanVersions.$inferInsert> = [];

  schedules.forEach(({ client, startTime }, index) => {
    const care = CARE_PROFILES[client.profile];
    const person = client.person;
    const supervisorKey = person.supervisorKey!;
    const supervisor = DEMO_PEOPLE.find((p) => p.key === supervisorKey)!;
    const supervisorId = idOf(ids, supervisorKey);
    const planId = randomUUID();
    const startsOn = addDays(today, -(60 + index * 17));
    const nextReviewOn = REVIEW_SOON.has(index)
      ? addDays(today, 2 + (index % 12))
      : addDays(today, 20 + ((index * 7) % 60));
    const draftedAt = new Date(`${addDays(startsOn, -2)}T18:00:00Z`);
    const approvedAt = new Date(`${addDays(startsOn, -1)}T17:30:00Z`);
    const visitDose = clock(Number(startTime.slice(0, 2)) * 60 + Number(startTime.slice(3)) + 30);

    const goals = care.goals.map((goal, position) => ({
      id: randomUUID(),
      carePlanId: planId,
      description: goal.description,
      measure: goal.measure,
      baselineValue: goal.baseline,
      targetValue: goal.target,
      unit: goal.unit,
      targetDate: addDays(nextReviewOn, 60),
      position,
      createdBy: supervisorId,
      createdAt: draftedAt,
    }));
    const medications = care.medications.map((med, position) => ({
      id: randomUUID(),
      carePlanId: planId,
      name: med.name,
      dose: med.dose,
      route: med.route,
      times: med.times.map((time) => (time === 'VISIT' ? visitDose : time)),
      prn: med.prnIndication !== undefined,
      prnIndication: med.prnIndication ?? null,
      instructions: med.instructions ?? null,
      position,
      createdBy: supervisorId,
      createdAt: draftedAt,
    }));
    const contact = person.emergencyContact!;
    const plan = {
      id: planId,
      clientId: idOf(ids, person.key),
      title: care.title,
      activities: care.activities,
      specialInstructions: care.specialInstructions,
      emergencyProtocol: `Call 911 for a medical emergency, then ${supervisor.firstName} ${supervisor.lastName} (supervisor, ${supervisor.phone}) and ${contact.name} (${contact.relationship}, ${contact.phone}).`,
      safetyNotes: care.safetyNotes,
      diagnosisCodes: care.diagnosisCodes,
      requiredSkills: care.requiredSkills,
      startsOn,
      nextReviewOn,
    };
    planRows.push({
      ...plan,
      status: 'ACTIVE',
      approvedBy: supervisorId,
      approvedAt,
      createdBy: supervisorId,
      updatedBy: supervisorId,
      createdAt: draftedAt,
      updatedAt: approvedAt,
      version: 2,
    });
    goalRows.push(...goals);
    medicationRows.push(...medications);
    // Parsed with the API's own snapshot schema, so seeded versions read back like real ones.
    const snapshot = (status: 'DRAFT' | 'ACTIVE') =>
      carePlanSnapshotSchema.parse({
        ...plan,
        specialInstructions: plan.specialInstructions ?? null,
        safetyNotes: plan.safetyNotes ?? null,
        status,
        endsOn: null,
        approvedBy: status === 'ACTIVE' ? supervisorId : null,
        approvedAt: status === 'ACTIVE' ? approvedAt.toISOString() : null,
        statusReason: null,
        version: status === 'ACTIVE' ? 2 : 1,
        goals: goals.map((goal) => ({
          id: goal.id,
          description: goal.description,
          measure: goal.measure,
          baselineValue: goal.baselineValue ?? null,
          targetValue: goal.targetValue ?? null,
          unit: goal.unit ?? null,
          targetDate: goal.targetDate ?? null,
        })),
        medications: medications.map(({ carePlanId, createdBy, createdAt, position, ...med }) => med),
      });
    versionRows.push(
      {
        carePlanId: planId,
        version: 1,
        snapshot: snapshot('DRAFT'),
        changeSummary: 'Plan drafted after the intake assessment',
        changedBy: supervisorId,
        changedAt: draftedAt,
      },
      {
        carePlanId: planId,
        version: 2,
        snapshot: snapshot('ACTIVE'),
        changeSummary: 'Approved',
        changedBy: supervisorId,
        changedAt: approvedAt,
      },
    );
    plans.set(person.key, {
      id: planId,
      activityCodes: care.activities.map((a) => a.code),
      medications: medications.map((m) => ({
        id: m.id,
        name: m.name,
        dose: m.dose,
        times: m.times,
        prnIndication: m.prnIndication,
      })),
      goals: goals.map((g) => ({ id: g.id, baseline: g.baselineValue, target: g.targetValue, unit: g.unit })),
    });
  });

  await tx.insert(carePlans).values(planRows);
  await tx.insert(carePlanGoals).values(goalRows);
  await tx.insert(carePlanMedications).values(medicationRows);
  await tx.insert(carePlanVersions).values(versionRows);
  return plans;
}
