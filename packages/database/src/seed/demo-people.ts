import type { AddressValue } from '../schema/users';

/** Everyone seeded shares this password (it meets the password policy); change it after first login. */
export const DEMO_PASSWORD = 'Garden-Lantern-Visit-42';
/** TOTP secret of the demo admin, so the required second factor can be entered from any authenticator. */
export const DEMO_ADMIN_TOTP_SECRET = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';

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
  allergies?: string[];
  medications?: string[];
  conditions?: string[];
  specialNeeds?: string;
  skills?: string[];
  hourlyRateCents?: number;
}

const portland = (line1: string, postalCode: string): AddressValue => ({
  line1,
  city: 'Portland',
  state: 'OR',
  postalCode,
  country: 'US',
});

export const DEMO_PEOPLE: DemoPerson[] = [
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
  {
    key: 'jordan',
    email: 'worker@caretracker.dev',
    role: 'WORKER',
    firstName: 'Jordan',
    lastName: 'Lee',
    supervisorKey: 'sam',
    phone: '+1 503 555 0120',
    skills: ['personal-care', 'medication-assist', 'dementia-care'],
    hourlyRateCents: 2800,
  },
  {
    key: 'maria',
    email: 'maria.santos@caretracker.dev',
    role: 'WORKER',
    firstName: 'Maria',
    lastName: 'Santos',
    supervisorKey: 'sam',
    phone: '+1 503 555 0121',
    skills: ['personal-care', 'mobility'],
    hourlyRateCents: 2700,
  },
  {
    key: 'kim',
    email: 'kim.nguyen@caretracker.dev',
    role: 'WORKER',
    firstName: 'Kim',
    lastName: 'Nguyen',
    supervisorKey: 'dana',
    phone: '+1 503 555 0122',
    skills: ['personal-care', 'wound-care'],
    hourlyRateCents: 3000,
  },
  {
    key: 'pat',
    email: 'client@caretracker.dev',
    role: 'CLIENT',
    firstName: 'Pat',
    lastName: 'Taylor',
    supervisorKey: 'sam',
    phone: '+1 503 555 0130',
    address: portland('1200 SE Morrison St', '97214'),
    home: { lat: 45.5171, lng: -122.6535 },
    dateOfBirth: '1941-03-14',
    mrn: 'MRN-100001',
    allergies: ['Penicillin'],
    medications: ['Metformin 500 mg', 'Lisinopril 10 mg'],
    conditions: ['Type 2 diabetes', 'Hypertension'],
    specialNeeds: 'Uses a walker; hard of hearing on the left side.',
  },
  {
    key: 'ruth',
    email: 'ruth.bennett@caretracker.dev',
    role: 'CLIENT',
    firstName: 'Ruth',
    lastName: 'Bennett',
    supervisorKey: 'sam',
    phone: '+1 503 555 0131',
    address: portland('3400 NE Broadway', '97232'),
    home: { lat: 45.5352, lng: -122.6282 },
    dateOfBirth: '1936-11-02',
    mrn: 'MRN-100002',
    allergies: [],
    medications: ['Donepezil 10 mg'],
    conditions: ['Early-stage dementia'],
    specialNeeds: 'Prefers morning visits; daughter visits on Sundays.',
  },
  {
    key: 'george',
    email: 'george.hall@caretracker.dev',
    role: 'CLIENT',
    firstName: 'George',
    lastName: 'Hall',
    supervisorKey: 'dana',
    phone: '+1 503 555 0132',
    address: portland('7800 SW Capitol Hwy', '97219'),
    home: { lat: 45.4734, lng: -122.7069 },
    dateOfBirth: '1948-06-21',
    mrn: 'MRN-100003',
    allergies: ['Latex'],
    medications: ['Warfarin 5 mg'],
    conditions: ['Atrial fibrillation', 'Pressure ulcer (healing)'],
  },
];

/** Care teams: client → primary worker, backup workers. */
export const DEMO_CARE_TEAMS: Array<{ client: string; primary: string; backups: string[] }> = [
  { client: 'pat', primary: 'jordan', backups: ['maria'] },
  { client: 'ruth', primary: 'maria', backups: ['jordan'] },
  { client: 'george', primary: 'kim', backups: [] },
];
