-- PHI encryption at rest: date of birth, MRN and insurance are sealed by the application
-- (AES-256-GCM, phi:v1:<key id>:...), so their columns become text; the MRN is found and kept
-- unique through its keyed hash. Values already stored in clear are sealed by the server at start.
DROP INDEX "profiles_mrn_key";--> statement-breakpoint
ALTER TABLE "profiles" ALTER COLUMN "date_of_birth" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "profiles" ALTER COLUMN "insurance" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "medical_record_number_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "profiles_mrn_key" ON "profiles" USING btree ("medical_record_number_hash") WHERE "profiles"."medical_record_number_hash" is not null;
