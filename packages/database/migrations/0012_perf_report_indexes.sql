DROP INDEX "visits_start_idx";--> statement-breakpoint
CREATE INDEX "medication_administrations_refused_idx" ON "medication_administrations" USING btree ("visit_id") WHERE "medication_administrations"."outcome" = 'REFUSED' and "medication_administrations"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "visits_start_idx" ON "visits" USING btree ("scheduled_start","id");