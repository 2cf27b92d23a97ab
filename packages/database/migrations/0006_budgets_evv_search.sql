-- One budget per client per period: active budgets of a client may not overlap in time.
ALTER TABLE budgets ADD CONSTRAINT budgets_client_period_no_overlap EXCLUDE USING gist (
  client_id WITH =,
  daterange(period_start, period_end, '[]') WITH &&
) WHERE (deleted_at IS NULL);
--> statement-breakpoint
-- EVV exports: every insert or update of a visit takes the next number, so an export can send
-- exactly what changed since the previous one and the aggregator sees ids that only grow.
CREATE SEQUENCE IF NOT EXISTS visits_evv_sequence_seq;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION visits_stamp_evv_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.evv_sequence := nextval('visits_evv_sequence_seq');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER visits_evv_sequence_trigger BEFORE INSERT OR UPDATE ON visits FOR EACH ROW EXECUTE FUNCTION visits_stamp_evv_sequence();
--> statement-breakpoint
UPDATE visits SET evv_sequence = nextval('visits_evv_sequence_seq') WHERE evv_sequence IS NULL;
--> statement-breakpoint
-- Search: trigram matching for name autocomplete, full-text indexes for notes, plans and messages.
-- Queries must use these exact expressions for the indexes to apply.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX users_name_trgm_idx ON users USING gin ((lower(first_name || ' ' || last_name)) gin_trgm_ops) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX visits_notes_fts_idx ON visits USING gin (to_tsvector('english', coalesce(notes, ''))) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX visits_private_notes_fts_idx ON visits USING gin (to_tsvector('english', coalesce(private_notes, ''))) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX care_plans_fts_idx ON care_plans USING gin (
  to_tsvector('english', title || ' ' || coalesce(special_instructions, '') || ' ' || coalesce(safety_notes, '') || ' ' || coalesce(emergency_protocol, ''))
) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX messages_body_fts_idx ON messages USING gin (to_tsvector('english', body)) WHERE deleted_at IS NULL;
