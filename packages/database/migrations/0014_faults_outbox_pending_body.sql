ALTER TABLE "email_outbox" ADD COLUMN "pending_body" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "claimed_until" timestamp with time zone;