ALTER TABLE "audit_log" ADD COLUMN "chain" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_chain_idx" ON "audit_log" USING btree ("chain","seq");--> statement-breakpoint
-- The audit log becomes several hash chains instead of one. Before, every audited statement took
-- one database-wide advisory lock to extend the single chain, so audited requests on every
-- connection and replica were written one at a time, each waiting for the previous transaction to
-- commit. Now a writer takes the first free of 32 chain locks (trying them in order, never waiting
-- while one is free), keeps that chain for the rest of its transaction, and links its row to the
-- previous row of that chain. Each chain is still extended by one writer at a time, so each stays
-- a gapless, verifiable hash chain; unrelated requests no longer queue behind each other. Writers
-- that meet no contention all use chain 1, so a quiet system still has one chain.
--
-- Rows written before this migration stay as they are (append-only): they are chain 1, with no
-- `chain_seq` (their position is their `seq`) and their original hash; new rows of chain 1 carry on
-- from them. `seq` now comes from a sequence: it orders all rows (increasing within each chain),
-- but may have gaps where a transaction rolled back; gaps are detected per chain on `chain_seq`.
CREATE SEQUENCE audit_log_seq;
--> statement-breakpoint
ALTER TABLE audit_log_checkpoints ADD COLUMN chain smallint NOT NULL DEFAULT 1;
--> statement-breakpoint
ALTER TABLE audit_log_checkpoints ADD COLUMN purged_through_chain_seq bigint;
--> statement-breakpoint
SELECT setval('audit_log_seq', greatest(
  (SELECT max(seq) FROM audit_log), (SELECT max(purged_through_seq) FROM audit_log_checkpoints), 0) + 1, false);
--> statement-breakpoint
-- A chained row's hash also covers its chain and its position in it.
CREATE OR REPLACE FUNCTION audit_row_hash_chained(p_chain smallint, p_chain_seq bigint, p_row_hash text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(chr(31), 'chain', p_chain::text, p_chain_seq::text, p_row_hash), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  chosen int;
  candidate int;
  last_chain_seq bigint;
  last_hash text;
BEGIN
  -- The chain this transaction already extends, if any (the setting ends with the transaction).
  chosen := nullif(current_setting('caretracker.audit_chain', true), '')::int;
  IF chosen IS NOT NULL AND chosen BETWEEN 1 AND 32 THEN
    PERFORM pg_advisory_xact_lock(4242, chosen); -- already held: returns at once
  ELSE
    chosen := NULL;
    FOR candidate IN 1..32 LOOP
      IF pg_try_advisory_xact_lock(4242, candidate) THEN
        chosen := candidate;
        EXIT;
      END IF;
    END LOOP;
    IF chosen IS NULL THEN
      -- All 32 busy: wait for one, spread by connection.
      chosen := 1 + pg_backend_pid() % 32;
      PERFORM pg_advisory_xact_lock(4242, chosen);
    END IF;
    PERFORM set_config('caretracker.audit_chain', chosen::text, true);
  END IF;
  -- Under the chain's lock the chain's last row is committed and visible (a new snapshot per query).
  SELECT coalesce(chain_seq, seq), hash INTO last_chain_seq, last_hash
  FROM audit_log WHERE chain = chosen ORDER BY seq DESC LIMIT 1;
  IF NOT FOUND THEN
    SELECT coalesce(purged_through_chain_seq, purged_through_seq), purged_through_hash INTO last_chain_seq, last_hash
    FROM audit_log_checkpoints WHERE chain = chosen ORDER BY purged_through_seq DESC LIMIT 1;
  END IF;
  NEW.chain := chosen;
  NEW.chain_seq := coalesce(last_chain_seq, 0) + 1;
  NEW.seq := nextval('audit_log_seq');
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.occurred_at := coalesce(NEW.occurred_at, now());
  NEW.hash := audit_row_hash_chained(NEW.chain, NEW.chain_seq, audit_row_hash(NEW.seq, NEW.id, NEW.occurred_at,
    NEW.actor_id, NEW.actor_role, NEW.action, NEW.outcome, NEW.entity_type, NEW.entity_id, NEW.old_values,
    NEW.new_values, NEW.metadata, NEW.data_classification, NEW.ip_address, NEW.user_agent, NEW.request_id,
    NEW.prev_hash));
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- Verification per chain: each row against its own content, its chain's previous row (or that
-- chain's latest checkpoint) and its chain position. Same columns as before, plus the chain.
CREATE OR REPLACE VIEW audit_log_broken_links AS
WITH last_checkpoints AS (
  SELECT DISTINCT ON (chain) chain, coalesce(purged_through_chain_seq, purged_through_seq) AS chain_seq,
    purged_through_hash AS hash
  FROM audit_log_checkpoints ORDER BY chain, purged_through_seq DESC
), linked AS (
  SELECT l.*, lag(l.hash) OVER w AS previous_hash, lag(coalesce(l.chain_seq, l.seq)) OVER w AS previous_chain_seq,
    audit_row_hash(l.seq, l.id, l.occurred_at, l.actor_id, l.actor_role, l.action, l.outcome, l.entity_type,
      l.entity_id, l.old_values, l.new_values, l.metadata, l.data_classification, l.ip_address, l.user_agent,
      l.request_id, l.prev_hash) AS row_hash
  FROM audit_log l WINDOW w AS (PARTITION BY l.chain ORDER BY l.seq)
)
SELECT linked.seq, linked.id,
  linked.hash <> CASE WHEN linked.chain_seq IS NULL THEN linked.row_hash
    ELSE audit_row_hash_chained(linked.chain, linked.chain_seq, linked.row_hash) END AS content_changed,
  linked.prev_hash <> coalesce(linked.previous_hash, c.hash, repeat('0', 64)) AS link_broken,
  coalesce(linked.chain_seq, linked.seq) <> coalesce(linked.previous_chain_seq, c.chain_seq, 0) + 1 AS gap_before,
  linked.chain
FROM linked LEFT JOIN last_checkpoints c ON c.chain = linked.chain;
--> statement-breakpoint
-- A checkpoint names a chain's row by its stored hash, moves that chain forward, and covers only
-- that chain's rows older than its cut-off and the 6-year floor.
CREATE OR REPLACE FUNCTION audit_log_checkpoint_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous_seq bigint;
  boundary_hash text;
  boundary_chain smallint;
  boundary_chain_seq bigint;
BEGIN
  NEW.created_at := now();
  NEW.created_txid := txid_current();
  IF NEW.purged_before > now() - interval '6 years' THEN
    RAISE EXCEPTION 'audit rows younger than 6 years cannot be purged' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT coalesce(max(purged_through_seq), 0) INTO previous_seq FROM audit_log_checkpoints WHERE chain = NEW.chain;
  IF NEW.purged_through_seq <= previous_seq THEN
    RAISE EXCEPTION 'an audit checkpoint must move forward (last: %)', previous_seq USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT hash, chain, coalesce(chain_seq, seq) INTO boundary_hash, boundary_chain, boundary_chain_seq
  FROM audit_log WHERE seq = NEW.purged_through_seq;
  IF boundary_hash IS NULL OR boundary_hash <> NEW.purged_through_hash OR boundary_chain <> NEW.chain THEN
    RAISE EXCEPTION 'an audit checkpoint must record the stored hash of an existing row' USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.purged_through_chain_seq := boundary_chain_seq;
  IF EXISTS (
    SELECT 1 FROM audit_log
    WHERE chain = NEW.chain AND seq <= NEW.purged_through_seq AND occurred_at >= NEW.purged_before
  ) THEN
    RAISE EXCEPTION 'an audit checkpoint may only cover rows older than its cut-off' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- Append-only, except a row covered by a checkpoint of its own chain recorded in the same transaction.
CREATE OR REPLACE FUNCTION audit_log_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nested: PL/pgSQL does not promise to short-circuit AND, and OLD has no seq elsewhere.
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_log' THEN
    IF EXISTS (
      SELECT 1 FROM audit_log_checkpoints c
      WHERE c.created_txid = txid_current() AND c.chain = OLD.chain AND OLD.seq <= c.purged_through_seq
        AND OLD.occurred_at < c.purged_before
    ) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
-- Purges each chain's prefix older than `before`, one checkpoint per chain that loses rows.
CREATE OR REPLACE FUNCTION audit_log_purge(before timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  each_chain int;
  cut_seq bigint;
  through_seq bigint;
  through_hash text;
  purged bigint;
  total bigint := 0;
BEGIN
  IF before > now() - interval '6 years' THEN
    RAISE EXCEPTION 'audit rows younger than 6 years cannot be purged' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- One purge at a time (writers keep appending meanwhile).
  PERFORM pg_advisory_xact_lock(4242424243);
  FOR each_chain IN 1..32 LOOP
    cut_seq := NULL;
    SELECT min(seq) INTO cut_seq FROM audit_log WHERE chain = each_chain AND occurred_at >= before;
    through_seq := NULL;
    SELECT seq, hash INTO through_seq, through_hash FROM audit_log
    WHERE chain = each_chain AND (cut_seq IS NULL OR seq < cut_seq) ORDER BY seq DESC LIMIT 1;
    CONTINUE WHEN through_seq IS NULL;
    -- The purged stretch and the first row kept (its link to the stretch) must verify.
    IF EXISTS (
      SELECT 1 FROM audit_log_broken_links b
      WHERE b.chain = each_chain AND (b.content_changed OR b.link_broken OR b.gap_before)
        AND (b.seq <= through_seq
          OR b.seq = (SELECT min(seq) FROM audit_log WHERE chain = each_chain AND seq > through_seq))
    ) THEN
      RAISE EXCEPTION 'audit chain % is broken at or before seq %: purge refused, investigate first', each_chain, through_seq
        USING ERRCODE = 'data_corrupted';
    END IF;
    SELECT count(*) INTO purged FROM audit_log WHERE chain = each_chain AND seq <= through_seq;
    INSERT INTO audit_log_checkpoints (chain, purged_through_seq, purged_through_hash, purged_before, rows_purged)
    VALUES (each_chain, through_seq, through_hash, before, purged);
    DELETE FROM audit_log WHERE chain = each_chain AND seq <= through_seq;
    total := total + purged;
  END LOOP;
  RETURN total;
END
$$;
