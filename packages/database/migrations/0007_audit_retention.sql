-- Audit retention (AUDIT_LOG_RETENTION_YEARS): the oldest part of the hash chain may be purged,
-- but only as a prefix of the chain, only rows at least 6 years old (HIPAA's minimum), and only
-- while recording a checkpoint: the seq and hash of the last purged row. Verification then
-- starts from the checkpoint, so the remaining chain is still proven intact. The database holds
-- these rules itself; `audit_log_purge(before)` is the one convenient path that satisfies them.

CREATE TABLE audit_log_checkpoints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  purged_through_seq bigint NOT NULL UNIQUE,
  purged_through_hash text NOT NULL,
  purged_before timestamptz NOT NULL,
  rows_purged bigint NOT NULL CHECK (rows_purged > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_txid bigint NOT NULL DEFAULT txid_current()
);
--> statement-breakpoint
-- A checkpoint must tell the truth: it names an existing row by its stored hash, moves forward,
-- and covers only rows older than both its cut-off and the 6-year floor.
CREATE OR REPLACE FUNCTION audit_log_checkpoint_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous_seq bigint;
  boundary_hash text;
BEGIN
  NEW.created_at := now();
  NEW.created_txid := txid_current();
  IF NEW.purged_before > now() - interval '6 years' THEN
    RAISE EXCEPTION 'audit rows younger than 6 years cannot be purged' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT coalesce(max(purged_through_seq), 0) INTO previous_seq FROM audit_log_checkpoints;
  IF NEW.purged_through_seq <= previous_seq THEN
    RAISE EXCEPTION 'an audit checkpoint must move forward (last: %)', previous_seq USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT hash INTO boundary_hash FROM audit_log WHERE seq = NEW.purged_through_seq;
  IF boundary_hash IS NULL OR boundary_hash <> NEW.purged_through_hash THEN
    RAISE EXCEPTION 'an audit checkpoint must record the stored hash of an existing row' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF EXISTS (SELECT 1 FROM audit_log WHERE seq <= NEW.purged_through_seq AND occurred_at >= NEW.purged_before) THEN
    RAISE EXCEPTION 'an audit checkpoint may only cover rows older than its cut-off' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_checkpoint_check_trigger BEFORE INSERT ON audit_log_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_log_checkpoint_check();
--> statement-breakpoint
-- Still append-only, with one exception: a row covered by a checkpoint recorded in the same
-- transaction may be deleted. The message names the table, so checkpoints share the function.
CREATE OR REPLACE FUNCTION audit_log_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nested: PL/pgSQL does not promise to short-circuit AND, and OLD has no seq elsewhere.
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_log' THEN
    IF EXISTS (
      SELECT 1 FROM audit_log_checkpoints c
      WHERE c.created_txid = txid_current() AND OLD.seq <= c.purged_through_seq AND OLD.occurred_at < c.purged_before
    ) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_log_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_log_forbid_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_checkpoints_no_truncate BEFORE TRUNCATE ON audit_log_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_forbid_change();
--> statement-breakpoint
-- A chain emptied by a purge continues from the checkpoint, not from zero.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  -- One writer at a time extends the chain; the lock is held until the transaction ends.
  PERFORM pg_advisory_xact_lock(4242424242);
  SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
  IF NOT FOUND THEN
    SELECT purged_through_seq, purged_through_hash INTO last_seq, last_hash
    FROM audit_log_checkpoints ORDER BY purged_through_seq DESC LIMIT 1;
  END IF;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.occurred_at := coalesce(NEW.occurred_at, now());
  NEW.hash := audit_row_hash(NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_id, NEW.actor_role, NEW.action,
    NEW.outcome, NEW.entity_type, NEW.entity_id, NEW.old_values, NEW.new_values, NEW.metadata,
    NEW.data_classification, NEW.ip_address, NEW.user_agent, NEW.request_id, NEW.prev_hash);
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- The first remaining row links to the latest checkpoint instead of to zeros.
CREATE OR REPLACE VIEW audit_log_broken_links AS
WITH last_checkpoint AS (
  SELECT purged_through_seq, purged_through_hash FROM audit_log_checkpoints ORDER BY purged_through_seq DESC LIMIT 1
)
SELECT seq, id,
  hash <> audit_row_hash(seq, id, occurred_at, actor_id, actor_role, action, outcome, entity_type, entity_id,
    old_values, new_values, metadata, data_classification, ip_address, user_agent, request_id, prev_hash) AS content_changed,
  prev_hash <> coalesce(lag(hash) OVER (ORDER BY seq), (SELECT purged_through_hash FROM last_checkpoint), repeat('0', 64)) AS link_broken,
  seq <> coalesce(lag(seq) OVER (ORDER BY seq), (SELECT purged_through_seq FROM last_checkpoint), 0) + 1 AS gap_before
FROM audit_log;
--> statement-breakpoint
-- Purges the chain's prefix older than `before` (up to the first row still within retention),
-- recording a checkpoint first. Refuses to purge a broken stretch: that would destroy evidence.
-- SECURITY DEFINER so that an application role without DELETE on audit_log can still run it.
CREATE OR REPLACE FUNCTION audit_log_purge(before timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  cut_seq bigint;
  through_seq bigint;
  through_hash text;
  purged bigint;
BEGIN
  IF before > now() - interval '6 years' THEN
    RAISE EXCEPTION 'audit rows younger than 6 years cannot be purged' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- One purge at a time (writers keep appending meanwhile).
  PERFORM pg_advisory_xact_lock(4242424243);
  SELECT min(seq) INTO cut_seq FROM audit_log WHERE occurred_at >= before;
  SELECT seq, hash INTO through_seq, through_hash FROM audit_log
  WHERE cut_seq IS NULL OR seq < cut_seq ORDER BY seq DESC LIMIT 1;
  IF through_seq IS NULL THEN
    RETURN 0;
  END IF;
  IF EXISTS (
    SELECT 1 FROM audit_log_broken_links
    WHERE seq <= through_seq + 1 AND (content_changed OR link_broken OR gap_before)
  ) THEN
    RAISE EXCEPTION 'audit chain is broken at or before seq %: purge refused, investigate first', through_seq + 1
      USING ERRCODE = 'data_corrupted';
  END IF;
  SELECT count(*) INTO purged FROM audit_log WHERE seq <= through_seq;
  INSERT INTO audit_log_checkpoints (purged_through_seq, purged_through_hash, purged_before, rows_purged)
  VALUES (through_seq, through_hash, before, purged);
  DELETE FROM audit_log WHERE seq <= through_seq;
  RETURN purged;
END
$$;
