import type { Executor } from '@caretracker/database';
import { phiLookupHashes, schema } from '@caretracker/database';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { likePattern } from '../users/queries';
import { MARK_START, MARK_STOP } from './snippets';

const { users, profiles, visits, carePlans } = schema;

/*
 * Every text expression below is written exactly as its index in migration 0006 defines it
 * (users_name_trgm_idx, visits_notes_fts_idx, visits_private_notes_fts_idx, care_plans_fts_idx,
 * messages_body_fts_idx), with the indexes' `deleted_at is null`, so the planner can use them.
 */
export const clientName = sql`lower(${users.firstName} || ' ' || ${users.lastName})`;
const visitNotes = sql`to_tsvector('english', coalesce(${visits.notes}, ''))`;
const visitPrivateNotes = sql`to_tsvector('english', coalesce(${visits.privateNotes}, ''))`;
const planText = sql`${carePlans.title} || ' ' || coalesce(${carePlans.specialInstructions}, '') || ' ' || coalesce(${carePlans.safetyNotes}, '') || ' ' || coalesce(${carePlans.emergencyProtocol}, '')`;
const planDocument = sql`to_tsvector('english', ${planText})`;

const tsQuery = (q: string) => sql`websearch_to_tsquery('english', ${q})`;
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=35, MinWords=15`;
/** Highlighted excerpt; the marker characters are removed from the text first so only matches carry them. */
const headline = (text: SQL, q: string) =>
  sql`ts_headline('english', translate(${text}, chr(1) || chr(2), ''), ${tsQuery(q)}, ${HEADLINE_OPTIONS})`;

type Rows<T> = { rows: T[] };

export interface ClientRow {
  id: string;
  first_name: string;
  last_name: string;
  mrn: string | null;
  exact: boolean;
  mrn_match: boolean;
  similarity: number;
}

/**
 * Clients by name (trigram similarity or substring, both served by the trigram index) and, for
 * roles that may read it, by medical record number (exact: it is sealed at rest, compared by its
 * keyed hash). An exact name comes first; `mrn` comes back sealed (the service opens it).
 */
export function clientsSql(q: string, visible: SQL | undefined, byMrn: boolean, limit: number): SQL {
  const lowered = q.toLowerCase();
  // MRNs are sealed at rest: found by their keyed hash (every key of a rotation in progress), exact only.
  const mrnMatch = byMrn
    ? sql`${profiles.medicalRecordNumberHash} in (${sql.join(
        phiLookupHashes(q).map((hash) => sql`${hash}`),
        sql`, `,
      )})`
    : sql`false`;
  // Candidates come from two index-friendly branches (names through the trigram index, MRNs
  // through profiles), so an OR across both tables does not force a scan of every client.
  const byName = sql`select ${users.id} as id from ${users}
    where ${users.deletedAt} is null and (${clientName} % ${lowered} or ${clientName} like ${likePattern(lowered)})`;
  const candidates = byMrn ? sql`${byName} union select ${profiles.userId} from ${profiles} where ${mrnMatch}` : byName;
  return sql`
    select ${users.id} as id, ${users.firstName} as first_name, ${users.lastName} as last_name,
      case when ${mrnMatch} then ${profiles.medicalRecordNumber} end as mrn,
      ${clientName} = ${lowered} as exact,
      coalesce(${mrnMatch}, false) as mrn_match,
      similarity(${clientName}, ${lowered}) as similarity
    from ${users}
    join (${candidates}) as candidates on candidates.id = ${users.id}
    left join ${profiles} on ${profiles.userId} = ${users.id}
    where ${and(eq(users.role, 'CLIENT'), isNull(users.deletedAt), visible)}
    order by exact desc, mrn_match desc, similarity desc, ${users.lastName}, ${users.firstName}
    limit ${limit}`;
}

export interface VisitRow {
  id: string;
  client_id: string;
  scheduled_start: string | Date;
  client_name: string;
  field: 'notes' | 'privateNotes';
  rank: number;
  headline: string;
}

/** Visit notes, and private notes when the caller may read them, by full-text match. */
export function visitNotesSql(q: string, visible: SQL | undefined, withPrivate: boolean, limit: number): SQL {
  const inNotes = sql`${visitNotes} @@ ${tsQuery(q)}`;
  const inPrivate = withPrivate ? sql`${visitPrivateNotes} @@ ${tsQuery(q)}` : sql`false`;
  const privateRank = withPrivate ? sql`ts_rank(${visitPrivateNotes}, ${tsQuery(q)})` : sql`0`;
  return sql`
    select ${visits.id} as id, ${visits.clientId} as client_id, ${visits.scheduledStart} as scheduled_start,
      c.first_name || ' ' || c.last_name as client_name,
      case when ${inNotes} then 'notes' else 'privateNotes' end as field,
      greatest(ts_rank(${visitNotes}, ${tsQuery(q)}), ${privateRank})::float8 as rank,
      case when ${inNotes} then ${headline(sql`coalesce(${visits.notes}, '')`, q)}
        else ${headline(sql`coalesce(${visits.privateNotes}, '')`, q)} end as headline
    from ${visits} join ${users} c on c.id = ${visits.clientId}
    where ${and(isNull(visits.deletedAt), visible, sql`(${inNotes} or ${inPrivate})`)}
    order by rank desc, ${visits.scheduledStart} desc
    limit ${limit}`;
}

export interface PlanRow {
  id: string;
  client_id: string;
  title: string;
  updated_at: string | Date;
  rank: number;
  headline: string;
}

export function carePlansSql(q: string, visible: SQL | undefined, limit: number): SQL {
  return sql`
    select ${carePlans.id} as id, ${carePlans.clientId} as client_id, ${carePlans.title} as title,
      ${carePlans.updatedAt} as updated_at,
      ts_rank(${planDocument}, ${tsQuery(q)})::float8 as rank,
      ${headline(planText, q)} as headline
    from ${carePlans}
    where ${and(isNull(carePlans.deletedAt), visible, sql`${planDocument} @@ ${tsQuery(q)}`)}
    order by rank desc, ${carePlans.updatedAt} desc
    limit ${limit}`;
}

export interface MessageRow {
  id: string;
  client_id: string;
  subject: string;
  created_at: string | Date;
  rank: number;
  headline: string;
}

/** Messages in conversations the caller takes part in (and has not left). */
export function messagesSql(q: string, actor: Actor, limit: number): SQL {
  return sql`
    select m.id, conv.client_id, conv.subject, m.created_at,
      ts_rank(to_tsvector('english', m.body), ${tsQuery(q)})::float8 as rank,
      ${headline(sql`m.body`, q)} as headline
    from messages m join conversations conv on conv.id = m.conversation_id and conv.deleted_at is null
    where m.deleted_at is null and to_tsvector('english', m.body) @@ ${tsQuery(q)}
      and exists (select 1 from conversation_participants cp where cp.conversation_id = m.conversation_id
        and cp.user_id = ${actor.id} and cp.deleted_at is null and cp.left_at is null)
    order by rank desc, m.created_at desc
    limit ${limit}`;
}

export interface SuggestionRow {
  id: string;
  role: 'CLIENT' | 'WORKER';
  name: string;
}

/** Client and worker names starting with, containing or close to the text; prefixes first. */
export function suggestSql(q: string, visible: SQL | undefined): SQL {
  const lowered = q.toLowerCase();
  const prefix = `${likePattern(lowered).slice(1)}`;
  return sql`
    select ${users.id} as id, ${users.role} as role, ${users.firstName} || ' ' || ${users.lastName} as name
    from ${users}
    where ${and(
      sql`${users.role} in ('CLIENT', 'WORKER')`,
      isNull(users.deletedAt),
      eq(users.isActive, true),
      visible,
      sql`(${clientName} like ${likePattern(lowered)} or ${clientName} % ${lowered})`,
    )}
    order by (${clientName} like ${prefix} or lower(${users.lastName}) like ${prefix}) desc,
      similarity(${clientName}, ${lowered}) desc, ${users.lastName}, ${users.firstName}
    limit 10`;
}

/** Runs one of the statements above. */
export async function rowsOf<T>(db: Executor, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as Rows<T>).rows;
}
