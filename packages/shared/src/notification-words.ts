/**
 * Notification message keys, their values, and the server's own words for them (zod-free: the
 * apps import the value kinds from here too).
 *
 * The apps word a key from their `notificationMessages` messages and name the client. The words
 * here are what leaves the app: the stored English text and email, in the reader's language.
 * Email is not a safe channel for health information, so they name nobody and carry no free text
 * (reasons, notes, readings): the reader opens CareTracker for those.
 */

/** Each key and its values. Instants are ISO 8601 strings, plain dates `YYYY-MM-DD`, lists comma-joined codes. */
export interface NotificationParamsByKey {
  visitCancelled: { client: string; start: string; reason: string };
  visitRescheduled: { client: string; start: string };
  visitRequested: { client: string; start: string };
  visitChangeRequested: { client: string; start: string; preferredStart: string; preferredEnd: string; note: string };
  visitMissed: { client: string; worker: string; start: string };
  visitFollowUp: { client: string; worker: string };
  vitalsOutOfRange: { client: string; worker: string; vitals: string };
  evvException: { client: string; start: string; problems: string };
  doseNotGiven: { client: string; medication: string; outcome: string };
  messageNew: { sender: string };
  emergencyRaised: { client: string; raiser: string; raisedBy: string; at: string };
  emergencyAcknowledged: { client: string; responder: string };
  emergencyResolved: { client: string; responder: string };
  emergencyEscalated: { client: string; at: string; minutes: number };
  budgetWarning: BudgetParams;
  budgetCritical: BudgetParams;
  carePlanReviewDue: { client: string; date: string };
  carePlanReviewOverdue: { client: string; date: string };
  fileIntegrityFailed: { file: string };
  auditChainBroken: { count: number; seq: number };
}

type BudgetParams = {
  client: string;
  area: string;
  pct: number;
  threshold: number;
  periodStart: string;
  periodEnd: string;
};

export type NotificationKey = keyof NotificationParamsByKey;
/** What a notification says, as a key and its values: the type ties each key to its own values. */
export type NotificationMessage = {
  [K in NotificationKey]: { key: K; params: NotificationParamsByKey[K] };
}[NotificationKey];

export type NotificationLanguage = 'en' | 'es';
export const NOTIFICATION_LANGUAGES: readonly NotificationLanguage[] = ['en', 'es'];

/** Values that are instants: written in the reader's zone (stored with the row as `timeZone`). */
export const NOTIFICATION_TIME_PARAMS: ReadonlySet<string> = new Set(['start', 'at', 'preferredStart', 'preferredEnd']);
/** Values that are plain calendar dates. */
export const NOTIFICATION_DATE_PARAMS: ReadonlySet<string> = new Set(['date', 'periodStart', 'periodEnd']);
/** Values that are codes (comma-joined when a list), each worded from the `terms` of its name. */
export const NOTIFICATION_TERM_PARAMS: ReadonlySet<string> = new Set([
  'problems',
  'vitals',
  'outcome',
  'area',
  'raisedBy',
]);

export const NOTIFICATION_TIME_FORMAT = {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
} as const;
export const NOTIFICATION_DATE_FORMAT = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' } as const;

interface Words {
  title: string;
  body: string;
}

const EN: Record<NotificationKey, Words> = {
  visitCancelled: { title: 'Visit cancelled', body: 'A visit on {start} was cancelled.' },
  visitRescheduled: { title: 'Visit rescheduled', body: 'New time: {start}' },
  visitRequested: { title: 'Visit requested', body: 'A client asked for a visit on {start}; assign a worker.' },
  visitChangeRequested: {
    title: 'Change to a visit requested',
    body: 'A client asked to move the visit of {start} to {preferredStart} – {preferredEnd}.',
  },
  visitMissed: { title: 'Missed check-in', body: 'Nobody has checked in to the visit scheduled for {start}.' },
  visitFollowUp: {
    title: 'A visit needs follow-up',
    body: 'The worker flagged a completed visit for follow-up; the note is on the visit.',
  },
  vitalsOutOfRange: {
    title: 'Vital signs outside the alert range',
    body: 'A completed visit has readings to review.',
  },
  evvException: {
    title: 'EVV exception: {problems}',
    body: 'The visit scheduled for {start} needs a reason code for: {problems}.',
  },
  doseNotGiven: {
    title: 'Dose {outcome} on a visit',
    body: "A dose was {outcome} during a visit; the reason is on the visit's medication record.",
  },
  messageNew: { title: 'New message', body: 'You have a new message in a CareTracker conversation.' },
  emergencyRaised: {
    title: 'Emergency alert',
    body: 'An emergency alert was raised by {raisedBy} at {at}. Open CareTracker to acknowledge it.',
  },
  emergencyAcknowledged: {
    title: 'Emergency alert acknowledged',
    body: 'A responder has acknowledged your emergency alert.',
  },
  emergencyResolved: { title: 'Emergency alert resolved', body: 'Your emergency alert has been resolved.' },
  emergencyEscalated: {
    title: 'Emergency alert not acknowledged',
    body: 'An emergency alert raised at {at} has not been acknowledged after {minutes} minutes. Open CareTracker to respond.',
  },
  budgetWarning: {
    title: 'Budget warning: {area}',
    body: 'Spending on {area} has reached {pct}% of its allocation (the warning threshold is {threshold}%) for {periodStart} to {periodEnd}.',
  },
  budgetCritical: {
    title: 'Budget critical: {area}',
    body: 'Spending on {area} has reached {pct}% of its allocation (the critical threshold is {threshold}%) for {periodStart} to {periodEnd}.',
  },
  carePlanReviewDue: { title: 'Care plan review due', body: 'A care plan in your team is due for review on {date}.' },
  carePlanReviewOverdue: {
    title: 'Care plan review overdue',
    body: 'A care plan in your team was due for review on {date}.',
  },
  fileIntegrityFailed: {
    title: 'Stored file failed its integrity check',
    body: 'A file no longer matches the checksum taken at upload and was not served. Check the storage for tampering or corruption.',
  },
  auditChainBroken: {
    title: 'Audit trail integrity check failed',
    body: 'The nightly audit chain verification found {count} altered or missing row(s), first at sequence {seq}. Investigate before anything else is purged.',
  },
};

const ES: Record<NotificationKey, Words> = {
  visitCancelled: { title: 'Visita cancelada', body: 'Se canceló una visita del {start}.' },
  visitRescheduled: { title: 'Visita reprogramada', body: 'Nueva hora: {start}' },
  visitRequested: { title: 'Visita solicitada', body: 'Un cliente pidió una visita el {start}; asigne un cuidador.' },
  visitChangeRequested: {
    title: 'Cambio de visita solicitado',
    body: 'Un cliente pidió pasar la visita del {start} al {preferredStart} – {preferredEnd}.',
  },
  visitMissed: {
    title: 'Entrada no registrada',
    body: 'Nadie ha registrado la entrada en la visita prevista para el {start}.',
  },
  visitFollowUp: {
    title: 'Una visita necesita seguimiento',
    body: 'El cuidador marcó una visita terminada para seguimiento; la nota está en la visita.',
  },
  vitalsOutOfRange: {
    title: 'Constantes vitales fuera del rango de alerta',
    body: 'Una visita terminada tiene lecturas que revisar.',
  },
  evvException: {
    title: 'Excepción EVV: {problems}',
    body: 'La visita prevista para el {start} necesita un código de motivo para: {problems}.',
  },
  doseNotGiven: {
    title: 'Dosis {outcome} en una visita',
    body: 'Una dosis quedó {outcome} durante una visita; el motivo está en el registro de medicación de la visita.',
  },
  messageNew: { title: 'Mensaje nuevo', body: 'Tiene un mensaje nuevo en una conversación de CareTracker.' },
  emergencyRaised: {
    title: 'Alerta de emergencia',
    body: 'Se lanzó una alerta de emergencia {raisedBy} el {at}. Abra CareTracker para atenderla.',
  },
  emergencyAcknowledged: {
    title: 'Alerta de emergencia atendida',
    body: 'Un responsable ha atendido su alerta de emergencia.',
  },
  emergencyResolved: { title: 'Alerta de emergencia resuelta', body: 'Su alerta de emergencia se ha resuelto.' },
  emergencyEscalated: {
    title: 'Alerta de emergencia sin atender',
    body: 'Una alerta de emergencia lanzada el {at} sigue sin atender después de {minutes} minutos. Abra CareTracker para responder.',
  },
  budgetWarning: {
    title: 'Aviso de presupuesto: {area}',
    body: 'El gasto en {area} ha llegado al {pct} % de su asignación (el umbral de aviso es el {threshold} %) del {periodStart} al {periodEnd}.',
  },
  budgetCritical: {
    title: 'Presupuesto crítico: {area}',
    body: 'El gasto en {area} ha llegado al {pct} % de su asignación (el umbral crítico es el {threshold} %) del {periodStart} al {periodEnd}.',
  },
  carePlanReviewDue: {
    title: 'Revisión del plan de cuidados pendiente',
    body: 'Un plan de cuidados de su equipo debe revisarse el {date}.',
  },
  carePlanReviewOverdue: {
    title: 'Revisión del plan de cuidados vencida',
    body: 'Un plan de cuidados de su equipo debía revisarse el {date}.',
  },
  fileIntegrityFailed: {
    title: 'Un archivo guardado no superó la comprobación de integridad',
    body: 'Un archivo ya no coincide con la suma de comprobación tomada al subirlo y no se entregó. Revise el almacenamiento por si hay manipulación o daños.',
  },
  auditChainBroken: {
    title: 'Falló la comprobación de integridad del registro de auditoría',
    body: 'La verificación nocturna de la cadena de auditoría encontró {count} fila(s) alteradas o ausentes, la primera en la secuencia {seq}. Investigue antes de purgar nada más.',
  },
};

type Terms = Record<string, Record<string, string>>;

/** The codes a term value may hold, worded (also the apps' `notificationMessages.terms`). */
const TERMS: Record<NotificationLanguage, Terms> = {
  en: {
    problems: {
      CHECKIN_OUTSIDE_GEOFENCE: 'check-in away from the client’s home',
      CHECKOUT_OUTSIDE_GEOFENCE: 'check-out away from the client’s home',
      LATE_CHECKIN: 'late check-in',
      EARLY_CHECKIN: 'early check-in',
      EARLY_CHECKOUT: 'early check-out',
      LATE_CHECKOUT: 'late check-out',
      MISSED_CHECKIN: 'missed check-in',
    },
    vitals: {
      systolic: 'blood pressure (upper)',
      diastolic: 'blood pressure (lower)',
      pulse: 'pulse',
      temperatureC: 'temperature',
      spo2: 'oxygen saturation',
      glucoseMgDl: 'blood sugar',
      weightKg: 'weight',
      respiratoryRate: 'breathing rate',
    },
    outcome: { PARTIAL: 'partly given', REFUSED: 'refused', NOT_GIVEN: 'not given' },
    area: {
      TOTAL: 'the whole budget',
      PERSONAL_CARE: 'personal care',
      MEDICAL_SERVICES: 'medical services',
      TRANSPORTATION: 'transportation',
      HOME_MODIFICATIONS: 'home modifications',
      EMERGENCY_FUND: 'the emergency fund',
      OTHER: 'other expenses',
    },
    raisedBy: { WORKER: 'a care worker during a visit', SELF: 'a client', CLIENT: 'a client' },
  },
  es: {
    problems: {
      CHECKIN_OUTSIDE_GEOFENCE: 'entrada lejos del domicilio del cliente',
      CHECKOUT_OUTSIDE_GEOFENCE: 'salida lejos del domicilio del cliente',
      LATE_CHECKIN: 'entrada tarde',
      EARLY_CHECKIN: 'entrada anticipada',
      EARLY_CHECKOUT: 'salida anticipada',
      LATE_CHECKOUT: 'salida tarde',
      MISSED_CHECKIN: 'entrada no registrada',
    },
    vitals: {
      systolic: 'tensión arterial (alta)',
      diastolic: 'tensión arterial (baja)',
      pulse: 'pulso',
      temperatureC: 'temperatura',
      spo2: 'saturación de oxígeno',
      glucoseMgDl: 'glucosa',
      weightKg: 'peso',
      respiratoryRate: 'frecuencia respiratoria',
    },
    outcome: { PARTIAL: 'dada en parte', REFUSED: 'rechazada', NOT_GIVEN: 'sin dar' },
    area: {
      TOTAL: 'todo el presupuesto',
      PERSONAL_CARE: 'cuidado personal',
      MEDICAL_SERVICES: 'servicios médicos',
      TRANSPORTATION: 'transporte',
      HOME_MODIFICATIONS: 'adaptaciones del hogar',
      EMERGENCY_FUND: 'el fondo de emergencia',
      OTHER: 'otros gastos',
    },
    raisedBy: { WORKER: 'por un cuidador durante una visita', SELF: 'por un cliente', CLIENT: 'por un cliente' },
  },
};

const WORDS: Record<NotificationLanguage, Record<NotificationKey, Words>> = { en: EN, es: ES };
const LOCALES: Record<NotificationLanguage, string> = { en: 'en-US', es: 'es-ES' };

/** Who reads a notification: its words and times in their language and zone. */
export interface NotificationReader {
  language: NotificationLanguage;
  timeZone: string;
}

export const isNotificationKey = (key: string | null | undefined): key is NotificationKey =>
  typeof key === 'string' && Object.hasOwn(EN, key);

/** A notification in the reader's language, times in their zone; null for a key this version does not know. */
export function wordNotification(
  key: string,
  params: Readonly<Record<string, string | number>>,
  reader: NotificationReader,
): Words | null {
  if (!isNotificationKey(key)) return null;
  const locale = LOCALES[reader.language];
  const time = new Intl.DateTimeFormat(locale, { ...NOTIFICATION_TIME_FORMAT, timeZone: reader.timeZone });
  const date = new Intl.DateTimeFormat(locale, NOTIFICATION_DATE_FORMAT);
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  const value = (name: string): string => {
    const raw = params[name];
    if (raw === undefined) return '';
    if (typeof raw === 'number') return String(raw);
    if (NOTIFICATION_TIME_PARAMS.has(name)) return time.format(new Date(raw));
    if (NOTIFICATION_DATE_PARAMS.has(name)) return date.format(new Date(`${raw}T00:00:00Z`));
    if (NOTIFICATION_TERM_PARAMS.has(name))
      return list.format(raw.split(',').map((code) => TERMS[reader.language][name]?.[code] ?? code));
    return raw;
  };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => value(name));
  const words = WORDS[reader.language][key];
  return { title: fill(words.title), body: fill(words.body) };
}

/** Every code a term value may take, per language (for the completeness tests). */
export function notificationTerms(language: NotificationLanguage): Readonly<Terms> {
  return TERMS[language];
}

/** The words around a notification email, in the reader's language. */
export const NOTIFICATION_EMAIL_FRAME: Record<
  NotificationLanguage,
  { details: string; digestIntro: string; digestSubject: (count: number) => string }
> = {
  en: {
    details: 'Open CareTracker for details.',
    digestIntro: 'Since your last digest:',
    digestSubject: (count) => `CareTracker: ${count} new notification${count === 1 ? '' : 's'}`,
  },
  es: {
    details: 'Abra CareTracker para ver los detalles.',
    digestIntro: 'Desde su último resumen:',
    digestSubject: (count) =>
      `CareTracker: ${count} notificación${count === 1 ? '' : 'es'} nueva${count === 1 ? '' : 's'}`,
  },
};

/** A moment in the reader's zone and language (the digest's line times). */
export function notificationTime(at: Date, reader: NotificationReader): string {
  return new Intl.DateTimeFormat(LOCALES[reader.language], {
    ...NOTIFICATION_TIME_FORMAT,
    timeZone: reader.timeZone,
  }).format(at);
}
