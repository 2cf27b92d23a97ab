import type { CreateCarePlanInput, UpdateCarePlanInput } from '@caretracker/shared';
import { ValidationError } from '../../errors/app-errors';
import type { PlanRow } from './queries';

/** The plan's own fields (not its goals or medications), as `care_plans` columns. */
const PLAN_FIELDS = [
  'title',
  'activities',
  'specialInstructions',
  'emergencyProtocol',
  'safetyNotes',
  'diagnosisCodes',
  'requiredSkills',
  'startsOn',
  'endsOn',
  'nextReviewOn',
] as const;
type PlanField = (typeof PLAN_FIELDS)[number];
type PlanValues = Partial<Pick<PlanRow, PlanField>>;

/** Activities in one key order, so stored and requested lists compare equal when they are. */
const activitiesOf = (list: ReadonlyArray<{ code: string; name: string; instructions?: string | null | undefined }>) =>
  list.map((a) => ({ code: a.code, name: a.name, instructions: a.instructions ?? null }));

/** Columns of a new plan from a create body. */
export function planColumns(body: CreateCarePlanInput) {
  return {
    title: body.title,
    activities: activitiesOf(body.activities),
    specialInstructions: body.specialInstructions ?? null,
    emergencyProtocol: body.emergencyProtocol ?? null,
    safetyNotes: body.safetyNotes ?? null,
    diagnosisCodes: body.diagnosisCodes,
    requiredSkills: body.requiredSkills,
    startsOn: body.startsOn,
    endsOn: body.endsOn ?? null,
    nextReviewOn: body.nextReviewOn,
  };
}

/** The plan fields an update names, as columns. */
export function requestedPlanValues(body: UpdateCarePlanInput): PlanValues {
  const values: Record<string, unknown> = {};
  for (const field of PLAN_FIELDS) {
    if (body[field] !== undefined) values[field] = body[field];
  }
  if (body.activities) values.activities = activitiesOf(body.activities);
  return values as PlanValues;
}

export function storedPlanValues(plan: PlanRow): PlanValues {
  const values = Object.fromEntries(PLAN_FIELDS.map((field) => [field, plan[field]])) as PlanValues;
  values.activities = activitiesOf(plan.activities);
  return values;
}

/** The plan's dates as they will be after an update (stored values filled in): 400 naming the field out of order. */
export function assertDatesInOrder(plan: PlanValues) {
  const issues = [];
  if (plan.startsOn && plan.endsOn && plan.endsOn < plan.startsOn) {
    issues.push({ field: 'body.endsOn', message: `must not be before startsOn (${plan.startsOn})` });
  }
  if (plan.startsOn && plan.nextReviewOn && plan.nextReviewOn < plan.startsOn) {
    issues.push({ field: 'body.nextReviewOn', message: `must not be before startsOn (${plan.startsOn})` });
  }
  if (issues.length > 0) {
    throw new ValidationError(`Invalid request: ${issues.map((issue) => issue.field).join(', ')}`, issues);
  }
}
