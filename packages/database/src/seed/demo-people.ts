import type { AddressValue, AvailabilitySlotValue, EmergencyContactValue, InsuranceValue } from '../schema/users';
import { DEMO_CLIENTS, portland } from './demo-clients';

/** Everyone seeded shares this password (it meets the password policy); change it after first login. */
export const DEMO_PASSWORD = 'Garden-Lantern-Visit-42';
/** TOTP secret of the demo admin, so the required second factor can be entered from any authenticator. */
export const DEMO_ADMIN_TOTP_SECRET = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';
/** Every demo person lives in Portland, OR. */
export const DEMO_TIME_ZONE = 'America/Los_Angeles';

export interface DemoPerson {
  key: string;
  email: string;
  role: 'CLIENT' | 'WORKER' | 'SUPERVISOR' | 'ADMIN';
  firstName: string;
  lastName: string;
  supervisorKey?: string;
  phone: string;
  address?: AddressValue;
  home?: { lat: number; lng: number };
  dateOfBirth?: string;
  mrn?: string;
  insurance?: InsuranceValue;
  allergies?: string[];
  medications?: string[];
  conditions?: string[];
  specialNeeds?: string;
  emergencyContact?: EmergencyContactValue;
  preferredLanguage?: string;
  skills?: string[];
  availability?: AvailabilitySlotValue[];
  hourlyRateCents?: number;
}

type Day = AvailabilitySlotValue['day'];
/** The same hours on each of the given days. */
const hours = (days: Day[], start: string, end: string): AvailabilitySlotValue[] =>
  days.map((day) => ({ day, start, end }));
const WEEKDAYS: Day[] = ['MON', 'TUE', 'WED', 'THU', 'FRI'];

interface WorkerRow {
  key: string;
  email: string;
  name: [string, string];
  supervisorKey: string;
  phone: string;
  skills: string[];
  availability: AvailabilitySlotValue[];
  rate: number;
  street: string;
  postalCode: string;
  home: [number, number];
}

const WORKERS: WorkerRow[] = [
  // Sam Rivera's team.
  {
    key: 'jordan',
    email: 'worker@caretracker.dev',
    name: ['Jordan', 'Lee'],
    supervisorKey: 'sam',
    phone: '+1 503 555 0120',
    skills: ['personal-care', 'medication-assist', 'dementia-care'],
    availability: hours(WEEKDAYS, '08:00', '16:00'),
    rate: 2800,
    street: '4410 SE Lincoln St',
    postalCode: '97215',
    home: [45.5078, -122.6168],
  },
  {
    key: 'maria',
    email: 'maria.santos@caretracker.dev',
    name: ['Maria', 'Santos'],
    supervisorKey: 'sam',
    phone: '+1 503 555 0121',
    skills: ['personal-care', 'mobility', 'hoyer-lift', 'medication-assist'],
    availability: hours(WEEKDAYS, '07:30', '15:30'),
    rate: 2900,
    street: '2035 NE Killingsworth St',
    postalCode: '97211',
    home: [45.5626, -122.6445],
  },
  {
    key: 'luis',
    email: 'luis.ortega@caretracker.dev',
    name: ['Luis', 'Ortega'],
    supervisorKey: 'sam',
    phone: '+1 503 555 0123',
    skills: ['personal-care', 'mobility', 'medication-assist', 'wound-care'],
    availability: hours(['TUE', 'WED', 'THU', 'FRI', 'SAT'], '08:00', '16:00'),
    rate: 3000,
    street: '6218 SE Woodstock Blvd',
    postalCode: '97206',
    home: [45.4792, -122.6002],
  },
  {
    key: 'aisha',
    email: 'aisha.karim@caretracker.dev',
    name: ['Aisha', 'Karim'],
    supervisorKey: 'sam',
    phone: '+1 503 555 0124',
    skills: ['personal-care', 'dementia-care', 'medication-assist'],
    availability: [...hours(WEEKDAYS, '09:00', '17:00'), { day: 'SAT', start: '09:00', end: '13:00' }],
    rate: 2850,
    street: '1620 N Alberta St',
    postalCode: '97217',
    home: [45.559, -122.684],
  },
  // Dana Okafor's team.
  {
    key: 'kim',
    email: 'kim.nguyen@caretracker.dev',
    name: ['Kim', 'Nguyen'],
    supervisorKey: 'dana',
    phone: '+1 503 555 0122',
    skills: ['personal-care', 'wound-care', 'medication-assist'],
    availability: hours(WEEKDAYS, '08:00', '16:00'),
    rate: 3000,
    street: '9535 SW Barbur Blvd',
    postalCode: '97219',
    home: [45.4585, -122.705],
  },
  {
    key: 'ben',
    email: 'ben.carter@caretracker.dev',
    name: ['Ben', 'Carter'],
    supervisorKey: 'dana',
    phone: '+1 503 555 0125',
    skills: ['personal-care', 'mobility', 'hoyer-lift'],
    availability: hours(WEEKDAYS, '10:00', '18:00'),
    rate: 2900,
    street: '7331 NE Glisan St',
    postalCode: '97213',
    home: [45.5265, -122.5867],
  },
  {
    key: 'priya',
    email: 'priya.shah@caretracker.dev',
    name: ['Priya', 'Shah'],
    supervisorKey: 'dana',
    phone: '+1 503 555 0126',
    skills: ['personal-care', 'medication-assist', 'wound-care', 'dementia-care'],
    availability: hours(['MON', 'TUE', 'WED', 'THU'], '07:00', '15:00'),
    rate: 3100,
    street: '4800 SW Vermont St',
    postalCode: '97219',
    home: [45.4801, -122.7231],
  },
  {
    key: 'tom',
    email: 'tom.becker@caretracker.dev',
    name: ['Tom', 'Becker'],
    supervisorKey: 'dana',
    phone: '+1 503 555 0127',
    skills: ['personal-care', 'mobility', 'dementia-care', 'medication-assist'],
    availability: hours(['WED', 'THU', 'FRI', 'SAT', 'SUN'], '08:00', '16:00'),
    rate: 2800,
    street: '11820 SE Market St',
    postalCode: '97216',
    home: [45.511, -122.5425],
  },
];

const OFFICE_STAFF: DemoPerson[] = [
  {
    key: 'admin',
    email: 'admin@caretracker.dev',
    role: 'ADMIN',
    firstName: 'Alex',
    lastName: 'Morgan',
    phone: '+1 503 555 0100',
  },
  {
    key: 'sam',
    email: 'supervisor@caretracker.dev',
    role: 'SUPERVISOR',
    firstName: 'Sam',
    lastName: 'Rivera',
    phone: '+1 503 555 0110',
    hourlyRateCents: 4200,
  },
  {
    key: 'dana',
    email: 'dana.okafor@caretracker.dev',
    role: 'SUPERVISOR',
    firstName: 'Dana',
    lastName: 'Okafor',
    phone: '+1 503 555 0111',
    hourlyRateCents: 4200,
  },
];

export const DEMO_WORKERS: DemoPerson[] = WORKERS.map((w) => ({
  key: w.key,
  email: w.email,
  role: 'WORKER',
  firstName: w.name[0],
  lastName: w.name[1],
  supervisorKey: w.supervisorKey,
  phone: w.phone,
  address: portland(w.street, w.postalCode),
  home: { lat: w.home[0], lng: w.home[1] },
  skills: w.skills,
  availability: w.availability,
  hourlyRateCents: w.rate,
}));

/** Everyone the demo seed creates: office staff, workers, then clients. */
export const DEMO_PEOPLE: DemoPerson[] = [...OFFICE_STAFF, ...DEMO_WORKERS, ...DEMO_CLIENTS.map((c) => c.person)];
