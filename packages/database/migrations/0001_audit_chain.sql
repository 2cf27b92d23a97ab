-- The audit log is append-only and hash-chained, enforced here in the database so that no
-- code path (or person with the application's credentials) can rewrite history unnoticed.

CREATE OR REPLACE FUNCTION audit_row_hash(
  p_seq bigint, p_id uuid, p_occurred_at timestamptz, p_actor_id uuid, p_actor_role text,
  p_action text, p_outcome text, p_entity_type text, p_entity_id text, p_old jsonb, p_new jsonb,
  p_metadata jsonb, p_classification text, p_ip text, p_user_agent text, p_request_id text,
  p_prev_hash text
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(chr(31),
    p_seq::text, p_id::text, (extract(epoch FROM p_occurred_at) * 1000000)::bigint::text,
    coalesce(p_actor_id::text, ''), coalesce(p_actor_role, ''), p_action, p_outcome, p_entity_type,
    coalesce(p_entity_id, ''), coalesce(p_old::text, ''), coalesce(p_new::text, ''),
    coalesce(p_metadata::text, ''), p_classification, coalesce(p_ip, ''), coalesce(p_user_agent, ''),
    coalesce(p_request_id, ''), p_prev_hash
  ), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  -- One writer at a time extends the chain; the lock is held until the transaction ends.
  PERFORM pg_advisory_xact_lock(4242424242);
  SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
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
CREATE OR REPLACE FUNCTION audit_log_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain_trigger BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_forbid_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_forbid_change();
--> statement-breakpoint
-- Rows whose stored hash no longer matches their content or their predecessor.
CREATE OR REPLACE VIEW audit_log_broken_links AS
SELECT seq, id,
  hash <> audit_row_hash(seq, id, occurred_at, actor_id, actor_role, action, outcome, entity_type, entity_id,
    old_values, new_values, metadata, data_classification, ip_address, user_agent, request_id, prev_hash) AS content_changed,
  prev_hash <> coalesce(lag(hash) OVER (ORDER BY seq), repeat('0', 64)) AS link_broken,
  seq <> coalesce(lag(seq) OVER (ORDER BY seq), 0) + 1 AS gap_before
FROM audit_log;
