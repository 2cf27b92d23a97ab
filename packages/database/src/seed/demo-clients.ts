import type { AddressValue, InsuranceValue } from '../schema/users';
import { CARE_PROFILES, type CareProfileKey } from './care-profiles';
import type { DemoPerson } from './demo-people';

export const portland = (line1: string, postalCode: string): AddressValue => ({
  line1,
  city: 'Portland',
  state: 'OR',
  postalCode,
  country: 'US',
});

export interface DemoClient {
  person: DemoPerson;
  profile: CareProfileKey;
  primary: string;
  backups: string[];
}

type Row = [
  key: string,
  name: string,
  street: string,
  postalCode: string,
  home: [number, number],
  dateOfBirth: string,
  profile: CareProfileKey,
  supervisor: 'sam' | 'dana',
  primary: string,
  backups: string[],
  allergies: string[],
  contact: [name: string, relationship: string],
  extra?: { specialNeeds?: string; language?: string; email?: string },
];

// biome-ignore format: a table reads best one client per line
const ROWS: Row[] = [
  ['pat', 'Pat Taylor', '1200 SE Morrison St', '97214', [45.5171, -122.6535], '1941-03-14', 'diabetes-hypertension', 'sam', 'jordan', ['maria'], ['Penicillin'], ['Chris Taylor', 'Son'], { email: 'client@caretracker.dev', specialNeeds: 'Uses a walker; hard of hearing on the left side.' }],
  ['ruth', 'Ruth Bennett', '3400 NE Broadway', '97232', [45.5352, -122.6282], '1936-11-02', 'dementia', 'sam', 'aisha', ['jordan'], [], ['Laura Bennett', 'Daughter'], { specialNeeds: 'Prefers morning visits; daughter visits on Sundays.' }],
  ['evelyn', 'Evelyn Brooks', '2250 NE Alberta St', '97211', [45.559, -122.642], '1944-07-22', 'post-stroke', 'sam', 'maria', ['luis'], ['Sulfa drugs'], ['Marcus Brooks', 'Husband']],
  ['frank', 'Frank Delgado', '4620 SE Division St', '97206', [45.5046, -122.615], '1947-01-09', 'parkinsons', 'sam', 'luis', ['maria'], [], ['Elena Delgado', 'Wife'], { language: 'es' }],
  ['margaret', "Margaret O'Neil", '1815 N Killingsworth St', '97217', [45.5624, -122.6853], '1933-05-30', 'dementia', 'sam', 'jordan', ['aisha'], ['Codeine'], ['Brian ONeil', 'Nephew']],
  ['harold', 'Harold Fischer', '6330 SE Foster Rd', '97206', [45.492, -122.596], '1939-09-17', 'copd-heart-failure', 'sam', 'aisha', ['jordan'], [], ['Ingrid Fischer', 'Daughter']],
  ['dorothy', 'Dorothy Chen', '3525 SE Hawthorne Blvd', '97214', [45.5121, -122.6277], '1938-12-03', 'hip-fracture', 'sam', 'maria', [], ['Shellfish'], ['David Chen', 'Son'], { language: 'zh' }],
  ['walter', 'Walter Jackson', '5100 NE Sandy Blvd', '97213', [45.5343, -122.6114], '1942-04-26', 'wound-care', 'sam', 'luis', [], ['Latex'], ['Denise Jackson', 'Daughter']],
  ['irene', 'Irene Kowalski', '2900 SE Belmont St', '97214', [45.5163, -122.6359], '1945-08-11', 'companion', 'sam', 'jordan', ['luis'], [], ['Anna Kowalski', 'Niece'], { specialNeeds: 'Wears hearing aids in both ears.' }],
  ['raymond', 'Raymond Price', '7420 N Lombard St', '97203', [45.5901, -122.748], '1950-02-14', 'diabetes-hypertension', 'sam', 'luis', ['maria'], ['Iodinated contrast'], ['Gloria Price', 'Wife']],
  ['george', 'George Hall', '7800 SW Capitol Hwy', '97219', [45.4734, -122.7069], '1948-06-21', 'wound-care', 'dana', 'kim', ['priya'], ['Latex'], ['Helen Hall', 'Wife']],
  ['lorraine', 'Lorraine Scott', '8240 SW Barbur Blvd', '97219', [45.464, -122.699], '1935-10-08', 'dementia', 'dana', 'priya', ['tom'], ['Penicillin'], ['Kevin Scott', 'Son']],
  ['eugene', 'Eugene Park', '4015 SE Woodstock Blvd', '97202', [45.479, -122.62], '1940-03-28', 'hip-fracture', 'dana', 'ben', [], [], ['Grace Park', 'Daughter'], { language: 'ko' }],
  ['beatrice', 'Beatrice Allen', '10230 SE Stark St', '97216', [45.5191, -122.557], '1937-06-15', 'copd-heart-failure', 'dana', 'kim', ['priya'], ['Aspirin'], ['Tony Allen', 'Grandson']],
  ['vincent', 'Vincent Moreno', '1530 NW 23rd Ave', '97210', [45.534, -122.699], '1946-11-19', 'parkinsons', 'dana', 'tom', ['ben'], [], ['Lucia Moreno', 'Wife'], { language: 'es' }],
  ['gladys', 'Gladys Turner', '6700 SW Beaverton Hillsdale Hwy', '97225', [45.487, -122.743], '1932-01-25', 'companion', 'dana', 'tom', ['kim'], [], ['Ruth Turner', 'Sister']],
  ['stanley', 'Stanley Young', '3900 NE 82nd Ave', '97220', [45.549, -122.578], '1943-07-04', 'post-stroke', 'dana', 'ben', ['tom'], ['Morphine'], ['Carol Young', 'Wife']],
  ['alice', 'Alice Whitaker', '5235 N Interstate Ave', '97217', [45.561, -122.682], '1949-09-09', 'diabetes-hypertension', 'dana', 'priya', ['kim'], [], ['Sam Whitaker', 'Son']],
  ['leonard', 'Leonard Hughes', '9100 SE Powell Blvd', '97266', [45.497, -122.568], '1934-04-02', 'dementia', 'dana', 'tom', ['priya'], ['Haloperidol'], ['Diane Hughes', 'Daughter'], { specialNeeds: 'Becomes anxious at dusk; afternoon visits kept short and calm.' }],
  ['rosa', 'Rosa Jimenez', '2610 SE 122nd Ave', '97236', [45.504, -122.538], '1941-12-12', 'wound-care', 'dana', 'kim', ['priya'], [], ['Miguel Jimenez', 'Son'], { language: 'es' }],
];

const INSURERS: Array<Omit<InsuranceValue, 'policyNumber'>> = [
  { provider: 'Oregon Health Plan (Medicaid)', groupNumber: null },
  { provider: 'Medicare Advantage — Providence', groupNumber: 'MA-2210' },
  { provider: 'Medicare Advantage — Kaiser Permanente NW', groupNumber: 'KP-7781' },
];

export const DEMO_CLIENTS: DemoClient[] = ROWS.map((row, index) => {
  const [
    key,
    name,
    street,
    postalCode,
    home,
    dateOfBirth,
    profile,
    supervisorKey,
    primary,
    backups,
    allergies,
    contact,
    extra,
  ] = row;
  const [firstName, ...rest] = name.split(' ');
  const lastName = rest.join(' ');
  const care = CARE_PROFILES[profile];
  const insurer = INSURERS[index % INSURERS.length]!;
  const sequence = String(100_001 + index);
  return {
    profile,
    primary,
    backups,
    person: {
      key,
      email: extra?.email ?? `${key}.${lastName.toLowerCase().replace(/[^a-z]/g, '')}@clients.caretracker.dev`,
      role: 'CLIENT',
      firstName: firstName!,
      lastName,
      supervisorKey,
      phone: `+1 503 555 ${String(130 + index).padStart(4, '0')}`,
      address: portland(street, postalCode),
      home: { lat: home[0], lng: home[1] },
      dateOfBirth,
      mrn: `MRN-${sequence}`,
      insurance: {
        ...insurer,
        policyNumber: `${insurer.provider.slice(0, 3).toUpperCase()}-${sequence}`,
        expiresOn: '2027-12-31',
      },
      allergies,
      medications: care.medications.map((m) => `${m.name} ${m.dose}${m.prnIndication ? ' as needed' : ''}`),
      conditions: care.conditions,
      ...(extra?.specialNeeds ? { specialNeeds: extra.specialNeeds } : {}),
      emergencyContact: {
        name: contact[0],
        relationship: contact[1],
        phone: `+1 503 555 ${String(180 + index).padStart(4, '0')}`,
      },
      preferredLanguage: extra?.language ?? 'en',
    },
  };
});
