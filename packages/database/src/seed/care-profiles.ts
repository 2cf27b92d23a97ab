import type { ServiceType } from '@caretracker/shared';
import type { AvailabilitySlotValue } from '../schema/users';

type Day = AvailabilitySlotValue['day'];

export interface ProfileMedication {
  name: string;
  dose: string;
  route: 'ORAL' | 'INHALED' | 'TOPICAL' | 'TRANSDERMAL';
  /** Local HH:MM times; `VISIT` is half an hour into the client's visit, so the worker gives it. */
  times: Array<'VISIT' | string>;
  prnIndication?: string;
  instructions?: string;
}

export type VitalKey = 'bloodPressure' | 'pulse' | 'glucose' | 'spo2' | 'temperature' | 'weight';

/** A kind of client the agency often serves: what their plan of care and visits look like. */
export interface CareProfile {
  title: string;
  conditions: string[];
  diagnosisCodes: string[];
  requiredSkills: string[];
  serviceType: ServiceType;
  activities: Array<{ code: string; name: string; instructions?: string }>;
  goals: Array<{ description: string; measure: string; baseline: number; target: number; unit: string }>;
  medications: ProfileMedication[];
  /** Days the client would like visits on (intersected with the primary worker's days). */
  days: Day[];
  durationMinutes: number;
  vitals: VitalKey[];
  specialInstructions: string;
  safetyNotes: string;
  notes: string[];
}

const WEEKDAYS: Day[] = ['MON', 'TUE', 'WED', 'THU', 'FRI'];
const A = (code: string, name: string, instructions?: string) => ({
  code,
  name,
  ...(instructions ? { instructions } : {}),
});
const bathing = A('bathing', 'Bathing or shower assistance', 'Shower chair; check skin while bathing.');
const mealPrep = A('meal-prep', 'Meal preparation');
const medReminder = A('medication-reminder', 'Medication reminder and eMAR');
const housekeeping = A('light-housekeeping', 'Light housekeeping and laundry');
const mobilityExercise = A(
  'mobility-exercise',
  'Mobility exercises',
  'Home exercise programme from the physical therapist.',
);
const transfer = A('transfer-assist', 'Transfers bed/chair/toilet');
const dressing = A('dressing', 'Dressing and grooming');

const PROFILES = {
  'diabetes-hypertension': {
    title: 'Diabetes and blood pressure management',
    conditions: ['Type 2 diabetes', 'Hypertension'],
    diagnosisCodes: ['E11.9', 'I10'],
    requiredSkills: ['personal-care', 'medication-assist'],
    serviceType: 'PERSONAL_CARE',
    activities: [bathing, mealPrep, medReminder, A('glucose-check', 'Blood glucose check'), housekeeping],
    goals: [
      {
        description: 'Keep fasting glucose in the target range',
        measure: 'fasting glucose',
        baseline: 168,
        target: 130,
        unit: 'mg/dL',
      },
      { description: 'Walk every day', measure: 'minutes walked', baseline: 5, target: 20, unit: 'min' },
    ],
    medications: [
      { name: 'Metformin', dose: '500 mg', route: 'ORAL', times: ['VISIT', '18:00'], instructions: 'With food.' },
      { name: 'Lisinopril', dose: '10 mg', route: 'ORAL', times: ['VISIT'] },
    ],
    days: WEEKDAYS,
    durationMinutes: 90,
    vitals: ['bloodPressure', 'pulse', 'glucose'],
    specialInstructions: 'Low-sugar diet; check feet for sores at each bath.',
    safetyNotes: 'Signs of low blood sugar: shaking, sweating, confusion. Give juice, recheck in 15 minutes.',
    notes: [
      'Glucose checked before breakfast.',
      'Walked to the corner and back with the walker.',
      'Ate a full breakfast.',
    ],
  },
  dementia: {
    title: 'Dementia support at home',
    conditions: ['Dementia, moderate', "Alzheimer's disease"],
    diagnosisCodes: ['F03.90', 'G30.9'],
    requiredSkills: ['personal-care', 'dementia-care'],
    serviceType: 'PERSONAL_CARE',
    activities: [bathing, dressing, mealPrep, medReminder, A('companionship', 'Companionship and cognitive activity')],
    goals: [
      {
        description: 'Keep a steady daily routine',
        measure: 'days the routine was followed',
        baseline: 3,
        target: 6,
        unit: 'days/week',
      },
    ],
    medications: [
      { name: 'Donepezil', dose: '10 mg', route: 'ORAL', times: ['VISIT'] },
      { name: 'Memantine', dose: '10 mg', route: 'ORAL', times: ['VISIT', '20:00'] },
    ],
    days: WEEKDAYS,
    durationMinutes: 120,
    vitals: ['bloodPressure', 'pulse'],
    specialInstructions: 'Introduce yourself at every visit; keep the same order of tasks each day.',
    safetyNotes: 'May wander in the afternoon: check that the door alarm is on when leaving.',
    notes: [
      'Calm and chatty today; looked at family photos.',
      'Some confusion about the day; reoriented.',
      'Enjoyed a word puzzle.',
    ],
  },
  'post-stroke': {
    title: 'Mobility and stroke recovery',
    conditions: ['Right-sided weakness after stroke', 'Hypertension', 'History of falls'],
    diagnosisCodes: ['I69.351', 'I10', 'Z91.81'],
    requiredSkills: ['personal-care', 'mobility'],
    serviceType: 'PERSONAL_CARE',
    activities: [mobilityExercise, transfer, bathing, dressing, mealPrep],
    goals: [{ description: 'Walk with a quad cane', measure: 'distance walked', baseline: 10, target: 50, unit: 'm' }],
    medications: [
      { name: 'Aspirin', dose: '81 mg', route: 'ORAL', times: ['VISIT'] },
      { name: 'Atorvastatin', dose: '40 mg', route: 'ORAL', times: ['21:00'] },
    ],
    days: ['MON', 'WED', 'FRI'],
    durationMinutes: 120,
    vitals: ['bloodPressure', 'pulse'],
    specialInstructions: 'Gait belt for all transfers; stand on the weak side.',
    safetyNotes: 'Call 911 for sudden face drooping, arm weakness or slurred speech (BE FAST).',
    notes: ['Walked the hallway twice with the cane.', 'Transfers steady today.', 'Tired after exercises; rested.'],
  },
  'wound-care': {
    title: 'Wound healing and skin integrity',
    conditions: ['Pressure ulcer, sacral, stage 2', 'Atrial fibrillation'],
    diagnosisCodes: ['L89.152', 'I48.91', 'Z79.01'],
    requiredSkills: ['personal-care', 'wound-care'],
    serviceType: 'PERSONAL_CARE',
    activities: [
      A('wound-dressing', 'Wound dressing change', 'Foam dressing; photograph weekly.'),
      A('repositioning', 'Repositioning'),
      A('skin-check', 'Skin check'),
      bathing,
      medReminder,
    ],
    goals: [{ description: 'Heal the sacral wound', measure: 'wound area', baseline: 4, target: 0, unit: 'cm²' }],
    medications: [
      {
        name: 'Warfarin',
        dose: '5 mg',
        route: 'ORAL',
        times: ['VISIT'],
        instructions: 'Same time every day; report bruising.',
      },
      {
        name: 'Acetaminophen',
        dose: '500 mg',
        route: 'ORAL',
        times: [],
        prnIndication: 'Pain before a dressing change',
      },
    ],
    days: ['TUE', 'THU', 'SAT'],
    durationMinutes: 60,
    vitals: ['bloodPressure', 'pulse', 'temperature'],
    specialInstructions: 'Reposition every two hours while in bed; pressure cushion on the chair.',
    safetyNotes: 'On a blood thinner: report falls, nosebleeds or dark stools at once.',
    notes: [
      'Dressing changed; wound edges pink.',
      'Wound smaller than last week.',
      'Repositioned; skin intact elsewhere.',
    ],
  },
  'copd-heart-failure': {
    title: 'Breathing and heart failure monitoring',
    conditions: ['COPD', 'Heart failure'],
    diagnosisCodes: ['J44.9', 'I50.9'],
    requiredSkills: ['personal-care', 'medication-assist'],
    serviceType: 'MEDICATION_ASSISTANCE',
    activities: [
      A('vitals-check', 'Vital signs and weight'),
      A('meal-prep', 'Low-sodium meal preparation'),
      medReminder,
      housekeeping,
    ],
    goals: [
      { description: 'Keep weight within 1 kg of dry weight', measure: 'weight', baseline: 84, target: 82, unit: 'kg' },
    ],
    medications: [
      { name: 'Furosemide', dose: '20 mg', route: 'ORAL', times: ['VISIT'] },
      { name: 'Tiotropium', dose: '18 mcg', route: 'INHALED', times: ['VISIT'] },
      {
        name: 'Albuterol inhaler',
        dose: '2 puffs',
        route: 'INHALED',
        times: [],
        prnIndication: 'Shortness of breath or wheezing',
      },
    ],
    days: WEEKDAYS,
    durationMinutes: 60,
    vitals: ['bloodPressure', 'pulse', 'spo2', 'weight'],
    specialInstructions: 'Weigh before breakfast; a gain of 1 kg in a day or 2 kg in a week goes to the supervisor.',
    safetyNotes: 'Oxygen in use: no open flames in the home.',
    notes: [
      'Breathing comfortable at rest.',
      'Ankles less swollen.',
      'Used the inhaler after the walk to the mailbox.',
    ],
  },
  parkinsons: {
    title: "Parkinson's mobility and medication timing",
    conditions: ["Parkinson's disease", 'History of falls'],
    diagnosisCodes: ['G20.A1', 'Z91.81'],
    requiredSkills: ['personal-care', 'mobility', 'medication-assist'],
    serviceType: 'PERSONAL_CARE',
    activities: [mobilityExercise, transfer, bathing, dressing, medReminder],
    goals: [
      {
        description: 'Stand up from a chair without help',
        measure: 'sit-to-stand repetitions',
        baseline: 2,
        target: 8,
        unit: 'reps',
      },
    ],
    medications: [
      {
        name: 'Carbidopa/levodopa',
        dose: '25/100 mg',
        route: 'ORAL',
        times: ['VISIT', '13:00', '18:00'],
        instructions: 'On time; 30 minutes before meals.',
      },
    ],
    days: WEEKDAYS,
    durationMinutes: 120,
    vitals: ['bloodPressure', 'pulse'],
    specialInstructions: 'Cue big steps when freezing; clear the walkway of rugs.',
    safetyNotes: 'Blood pressure drops on standing: sit for a minute before walking.',
    notes: ['Good "on" period this morning.', 'Froze at the doorway once; cued through.', 'Did eight sit-to-stands.'],
  },
  'hip-fracture': {
    title: 'Recovery after hip fracture',
    conditions: ['Right hip fracture, healing', 'Osteoarthritis of the knees'],
    diagnosisCodes: ['S72.001D', 'M17.0'],
    requiredSkills: ['personal-care', 'mobility', 'hoyer-lift'],
    serviceType: 'PERSONAL_CARE',
    activities: [transfer, mobilityExercise, bathing, housekeeping, A('errands', 'Shopping and errands')],
    goals: [
      {
        description: 'Transfer with one person instead of the lift',
        measure: 'assisted transfers without the lift',
        baseline: 0,
        target: 5,
        unit: 'per week',
      },
    ],
    medications: [
      { name: 'Acetaminophen', dose: '650 mg', route: 'ORAL', times: ['VISIT'] },
      { name: 'Calcium with vitamin D', dose: '600 mg', route: 'ORAL', times: ['VISIT'] },
    ],
    days: ['TUE', 'THU'],
    durationMinutes: 90,
    vitals: ['bloodPressure', 'pulse'],
    specialInstructions: 'Hoyer lift for bed-to-chair until the therapist clears standing transfers.',
    safetyNotes: 'Hip precautions: no bending past 90 degrees, no crossing legs.',
    notes: ['Lift transfer to the recliner.', 'Did the leg exercises from the therapist.', 'Groceries put away.'],
  },
  companion: {
    title: 'Companionship and daily living',
    conditions: ['Depression', 'Hearing loss'],
    diagnosisCodes: ['F32.A', 'H91.93'],
    requiredSkills: ['personal-care'],
    serviceType: 'COMPANION',
    activities: [
      A('companionship', 'Companionship and conversation'),
      mealPrep,
      housekeeping,
      A('errands', 'Shopping and errands'),
      medReminder,
    ],
    goals: [
      { description: 'Leave the house for an outing', measure: 'outings', baseline: 0, target: 2, unit: 'per week' },
    ],
    medications: [{ name: 'Sertraline', dose: '50 mg', route: 'ORAL', times: ['VISIT'] }],
    days: ['MON', 'THU'],
    durationMinutes: 120,
    vitals: ['bloodPressure'],
    specialInstructions: 'Face the client and speak clearly; hearing aids in before talking.',
    safetyNotes: 'Mentions of hopelessness go to the supervisor the same day.',
    notes: [
      'Walked to the library together.',
      'Talked about her garden; in good spirits.',
      'Quieter today; called her son together.',
    ],
  },
} satisfies Record<string, CareProfile>;

export type CareProfileKey = keyof typeof PROFILES;
export const CARE_PROFILES: Record<CareProfileKey, CareProfile> = PROFILES;
