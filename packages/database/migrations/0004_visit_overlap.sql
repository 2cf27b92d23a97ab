-- No double booking, held by the database itself: a worker's booked visits may not overlap.
-- Half-open ranges, so a visit ending at 10:00 and the next starting at 10:00 do not clash.
-- Cancelled, no-show and rescheduled visits free their time.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE visits ADD CONSTRAINT visits_worker_no_overlap EXCLUDE USING gist (
  worker_id WITH =,
  tstzrange(scheduled_start, scheduled_end, '[)') WITH &&
) WHERE (worker_id IS NOT NULL AND deleted_at IS NULL AND status IN ('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED'));
