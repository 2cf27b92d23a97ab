import { updateCarePlanBodySchema } from '@caretracker/shared/care-plans';
import { z } from 'zod';

// The care plan form's rules: the API's own fields; blanks mean "none".

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const fields = updateCarePlanBodySchema.shape;
const longText = z.preprocess(blank, fields.specialInstructions);

export const carePlanFormSchema = z.object({
  title: fields.title.unwrap(),
  nextReviewOn: fields.nextReviewOn.unwrap(),
  specialInstructions: longText,
  emergencyProtocol: longText,
  safetyNotes: longText,
  requiredSkills: z.string().max(3000),
  changeSummary: fields.changeSummary.unwrap(),
});
