ALTER TABLE "visits" ADD COLUMN "no_show_reason" text;--> statement-breakpoint
CREATE INDEX "budget_allocations_alert_idx" ON "budget_allocations" USING btree ("budget_id") WHERE "budget_allocations"."alert_level" <> 'NONE' and "budget_allocations"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "budgets_alert_idx" ON "budgets" USING btree ("period_end") WHERE "budgets"."status" = 'ACTIVE' and "budgets"."deleted_at" is null and "budgets"."alert_level" <> 'NONE';--> statement-breakpoint
CREATE INDEX "expenses_pending_idx" ON "expenses" USING btree ("created_at") WHERE "expenses"."status" = 'PENDING' and "expenses"."deleted_at" is null;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_length_check" CHECK ("visits"."scheduled_end" - "visits"."scheduled_start" <= interval '24 hours');--> statement-breakpoint
-- No-show reasons recorded before the column existed lived only in the audit trail: copy the latest one per visit.
UPDATE "visits" v SET "no_show_reason" = a."reason"
FROM (
  SELECT DISTINCT ON ("entity_id") "entity_id", "metadata"->>'reason' AS "reason"
  FROM "audit_log"
  WHERE "action" = 'VISIT_NO_SHOW' AND "entity_type" = 'visit' AND "metadata" ? 'reason'
  ORDER BY "entity_id", "seq" DESC
) a
WHERE v."id"::text = a."entity_id" AND v."status" = 'NO_SHOW' AND v."no_show_reason" IS NULL;
