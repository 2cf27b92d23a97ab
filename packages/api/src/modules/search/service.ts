import { openPhi } from '@caretracker/database';
import type { SearchHit, SearchQuery, SearchResult, Suggestion } from '@caretracker/shared';
import type { Actor } from '../../context/request-context';
import { visibleCarePlansCondition } from '../careplans/access';
import type { ModuleDeps } from '../module-deps';
import { visibleUsersCondition } from '../users/relations';
import { visibleVisitsCondition } from '../visits/access';
import {
  type ClientRow,
  carePlansSql,
  clientsSql,
  type MessageRow,
  messagesSql,
  type PlanRow,
  rowsOf,
  type SuggestionRow,
  suggestSql,
  type VisitRow,
  visitNotesSql,
} from './queries';
import { escapeHtml, markedHtml, markSubstring } from './snippets';

export type SearchService = ReturnType<typeof createSearchService>;

const iso = (value: string | Date) => new Date(value).toISOString();

/**
 * One search box over clients, visit notes, care plans and messages, each filtered by the same
 * visibility rules as the record's own endpoints. Every search is one PHI_READ audit row listing
 * what it returned (record ids and counts), never the search text, which may itself be PHI.
 */
export function createSearchService(deps: ModuleDeps) {
  const { db, audit, config } = deps;

  async function clients(actor: Actor, q: string, limit: number): Promise<SearchHit[]> {
    // The medical record number is a clinical field: workers may not read it, so may not search by it.
    const byMrn = actor.role !== 'WORKER';
    const rows = await rowsOf<ClientRow>(db, clientsSql(q, visibleUsersCondition(actor), byMrn, limit));
    return rows.map((row) => {
      const mrn = row.mrn === null ? null : openPhi(row.mrn);
      const name = `${row.first_name} ${row.last_name}`;
      const nameMatch = name.toLowerCase().includes(q.toLowerCase());
      return {
        id: row.id,
        title: name,
        snippet: mrn && !nameMatch ? `${escapeHtml(name)} · MRN ${markSubstring(mrn, q)}` : markSubstring(name, q),
        rank: (row.exact ? 2 : 0) + (row.mrn_match ? 1 : 0) + Number(row.similarity),
        clientId: row.id,
        field: row.mrn_match && !nameMatch ? 'medicalRecordNumber' : 'name',
        at: null,
      };
    });
  }

  async function visitNotes(actor: Actor, q: string, limit: number): Promise<SearchHit[]> {
    // Private notes: supervisors and admins, and the visit's own worker (a worker sees only their visits).
    const withPrivate = actor.role !== 'CLIENT';
    const rows = await rowsOf<VisitRow>(db, visitNotesSql(q, visibleVisitsCondition(actor), withPrivate, limit));
    return rows.map((row) => ({
      id: row.id,
      title: `Visit ${iso(row.scheduled_start).slice(0, 10)} · ${row.client_name}`,
      snippet: markedHtml(row.headline),
      rank: Number(row.rank),
      clientId: row.client_id,
      field: row.field,
      at: iso(row.scheduled_start),
    }));
  }

  async function carePlans(actor: Actor, q: string, limit: number): Promise<SearchHit[]> {
    const rows = await rowsOf<PlanRow>(db, carePlansSql(q, visibleCarePlansCondition(actor), limit));
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      snippet: markedHtml(row.headline),
      rank: Number(row.rank),
      clientId: row.client_id,
      field: 'plan',
      at: iso(row.updated_at),
    }));
  }

  async function messages(actor: Actor, q: string, limit: number): Promise<SearchHit[]> {
    const rows = await rowsOf<MessageRow>(db, messagesSql(q, actor, limit));
    return rows.map((row) => ({
      id: row.id,
      title: row.subject,
      snippet: markedHtml(row.headline),
      rank: Number(row.rank),
      clientId: row.client_id,
      field: 'body',
      at: iso(row.created_at),
    }));
  }

  return {
    async search(actor: Actor, query: SearchQuery): Promise<SearchResult> {
      const wanted = new Set(query.types);
      const none = async (): Promise<SearchHit[]> => [];
      const [clientHits, visitHits, planHits, messageHits] = await Promise.all([
        wanted.has('clients') ? clients(actor, query.q, query.limit) : none(),
        wanted.has('visits') ? visitNotes(actor, query.q, query.limit) : none(),
        wanted.has('careplans') ? carePlans(actor, query.q, query.limit) : none(),
        wanted.has('messages') ? messages(actor, query.q, query.limit) : none(),
      ]);
      const result = {
        clients: clientHits,
        visits: visitHits,
        careplans: planHits,
        messages: messageHits,
        total: clientHits.length + visitHits.length + planHits.length + messageHits.length,
      };
      if (config.HIPAA_AUDIT_ENABLED) {
        const ids = (hits: SearchHit[]) => hits.map((hit) => hit.id);
        await audit.record({
          action: 'PHI_READ',
          entityType: 'search',
          entityId: null,
          classification: 'PHI',
          metadata: {
            types: query.types,
            resultCount: result.total,
            results: {
              clients: ids(clientHits),
              visits: ids(visitHits),
              careplans: ids(planHits),
              messages: ids(messageHits),
            },
          },
        });
      }
      return result;
    },

    /** Names only (no PHI), so not audited as a PHI read. */
    async suggest(actor: Actor, q: string): Promise<Suggestion[]> {
      return rowsOf<SuggestionRow>(db, suggestSql(q, visibleUsersCondition(actor)));
    },
  };
}
