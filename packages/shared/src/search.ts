import { z } from 'zod';

/** What one search box looks through; each caller sees only the records they may read. */
export const SEARCH_TYPES = ['clients', 'visits', 'careplans', 'messages'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const searchQuerySchema = z.object({
  q: z.string().trim().min(2).max(200),
  /** Comma-separated; all types by default. */
  types: z
    .string()
    .optional()
    .transform((value) => (value ? [...new Set(value.split(',').map((part) => part.trim()))] : [...SEARCH_TYPES]))
    .pipe(z.array(z.enum(SEARCH_TYPES)).min(1)),
  /** Per type. */
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

/**
 * One match. `snippet` is HTML: the matched words inside `<mark>` … `</mark>`, every other
 * character escaped, so it can be inserted into a page as it is.
 */
export const searchHitSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  snippet: z.string(),
  /** Higher is better; comparable within one type only. */
  rank: z.number(),
  clientId: z.uuid().nullable(),
  /** Which text matched: name, medicalRecordNumber, notes, privateNotes, plan or body. */
  field: z.string(),
  at: z.string().nullable(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z.object({
  clients: z.array(searchHitSchema),
  visits: z.array(searchHitSchema),
  careplans: z.array(searchHitSchema),
  messages: z.array(searchHitSchema),
  total: z.number().int(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const suggestQuerySchema = z.object({ q: z.string().trim().min(1).max(100) });

export const suggestionSchema = z.object({
  id: z.uuid(),
  role: z.enum(['CLIENT', 'WORKER']),
  name: z.string(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;
