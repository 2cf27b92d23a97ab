CREATE TABLE "care_plan_goal_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"value" double precision,
	"note" text NOT NULL,
	"visit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_plan_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"care_plan_id" uuid NOT NULL,
	"description" text NOT NULL,
	"measure" text NOT NULL,
	"baseline_value" double precision,
	"target_value" double precision,
	"unit" text,
	"target_date" date,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_plan_medications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"care_plan_id" uuid NOT NULL,
	"name" text NOT NULL,
	"dose" text NOT NULL,
	"route" text NOT NULL,
	"times" text[] DEFAULT '{}'::text[] NOT NULL,
	"prn" boolean DEFAULT false NOT NULL,
	"prn_indication" text,
	"instructions" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_plan_medications_schedule_check" CHECK ("care_plan_medications"."prn" or cardinality("care_plan_medications"."times") > 0)
);
--> statement-breakpoint
CREATE TABLE "care_plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"care_plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"change_summary" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"title" text NOT NULL,
	"activities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"special_instructions" text,
	"emergency_protocol" text,
	"safety_notes" text,
	"diagnosis_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"required_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"next_review_on" date NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"status_reason" text,
	"review_reminder_sent_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_plans_status_check" CHECK ("care_plans"."status" in ('DRAFT','ACTIVE','ON_HOLD','COMPLETED','DISCONTINUED')),
	CONSTRAINT "care_plans_dates_check" CHECK ("care_plans"."ends_on" is null or "care_plans"."ends_on" >= "care_plans"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"entity_type" text,
	"entity_id" uuid,
	"urgent" boolean DEFAULT false NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evv_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"reason_code" text,
	"note" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "evv_exceptions_resolution_check" CHECK ("evv_exceptions"."status" = 'OPEN' or ("evv_exceptions"."reason_code" is not null and "evv_exceptions"."resolved_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "medication_administrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"medication_id" uuid NOT NULL,
	"scheduled_for" timestamp with time zone,
	"outcome" text NOT NULL,
	"reason" text,
	"prn_reason" text,
	"dose_given" text,
	"note" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "medication_administrations_outcome_check" CHECK ("medication_administrations"."outcome" in ('GIVEN','PARTIAL','REFUSED','NOT_GIVEN')),
	CONSTRAINT "medication_administrations_reason_check" CHECK ("medication_administrations"."outcome" = 'GIVEN' or "medication_administrations"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "visit_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"field" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"reason_code" text NOT NULL,
	"note" text,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"worker_id" uuid,
	"care_plan_id" uuid,
	"service_type" text NOT NULL,
	"recurrence" jsonb NOT NULL,
	"notes" text,
	"rate_cents" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"worker_id" uuid,
	"care_plan_id" uuid,
	"series_id" uuid,
	"status" text DEFAULT 'SCHEDULED' NOT NULL,
	"service_type" text NOT NULL,
	"scheduled_start" timestamp with time zone NOT NULL,
	"scheduled_end" timestamp with time zone NOT NULL,
	"actual_start" timestamp with time zone,
	"actual_end" timestamp with time zone,
	"location" jsonb,
	"location_lat" double precision,
	"location_lng" double precision,
	"notes" text,
	"private_notes" text,
	"planned_activities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"performed_activities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"vitals" jsonb,
	"client_satisfaction" smallint,
	"client_signature" text,
	"follow_up_required" boolean DEFAULT false NOT NULL,
	"follow_up_note" text,
	"check_in_at" timestamp with time zone,
	"check_in_lat" double precision,
	"check_in_lng" double precision,
	"check_in_accuracy_m" double precision,
	"check_in_distance_m" double precision,
	"check_in_device_at" timestamp with time zone,
	"check_out_at" timestamp with time zone,
	"check_out_lat" double precision,
	"check_out_lng" double precision,
	"check_out_accuracy_m" double precision,
	"check_out_distance_m" double precision,
	"check_out_device_at" timestamp with time zone,
	"billable_minutes" integer,
	"rate_cents" integer,
	"cost_cents" integer,
	"review_outcome" text,
	"review_notes" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"cancellation_reason" text,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"rescheduled_from_id" uuid,
	"rescheduled_to_id" uuid,
	"missed_alerted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "visits_time_order_check" CHECK ("visits"."scheduled_end" > "visits"."scheduled_start"),
	CONSTRAINT "visits_actual_order_check" CHECK ("visits"."actual_end" is null or "visits"."actual_start" is null or "visits"."actual_end" >= "visits"."actual_start"),
	CONSTRAINT "visits_status_check" CHECK ("visits"."status" in ('SCHEDULED','CONFIRMED','IN_PROGRESS','COMPLETED','CANCELLED','NO_SHOW','RESCHEDULED')),
	CONSTRAINT "visits_satisfaction_check" CHECK ("visits"."client_satisfaction" between 1 and 5),
	CONSTRAINT "visits_money_check" CHECK (coalesce("visits"."rate_cents", 0) >= 0 and coalesce("visits"."cost_cents", 0) >= 0 and coalesce("visits"."billable_minutes", 0) >= 0),
	CONSTRAINT "visits_cancel_reason_check" CHECK ("visits"."status" <> 'CANCELLED' or "visits"."cancellation_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "care_plan_goal_progress" ADD CONSTRAINT "care_plan_goal_progress_goal_id_care_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."care_plan_goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_goals" ADD CONSTRAINT "care_plan_goals_care_plan_id_care_plans_id_fk" FOREIGN KEY ("care_plan_id") REFERENCES "public"."care_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_medications" ADD CONSTRAINT "care_plan_medications_care_plan_id_care_plans_id_fk" FOREIGN KEY ("care_plan_id") REFERENCES "public"."care_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_versions" ADD CONSTRAINT "care_plan_versions_care_plan_id_care_plans_id_fk" FOREIGN KEY ("care_plan_id") REFERENCES "public"."care_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evv_exceptions" ADD CONSTRAINT "evv_exceptions_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evv_exceptions" ADD CONSTRAINT "evv_exceptions_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medication_administrations" ADD CONSTRAINT "medication_administrations_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medication_administrations" ADD CONSTRAINT "medication_administrations_medication_id_care_plan_medications_id_fk" FOREIGN KEY ("medication_id") REFERENCES "public"."care_plan_medications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_amendments" ADD CONSTRAINT "visit_amendments_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_series" ADD CONSTRAINT "visit_series_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_series" ADD CONSTRAINT "visit_series_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_series" ADD CONSTRAINT "visit_series_care_plan_id_care_plans_id_fk" FOREIGN KEY ("care_plan_id") REFERENCES "public"."care_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_care_plan_id_care_plans_id_fk" FOREIGN KEY ("care_plan_id") REFERENCES "public"."care_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_series_id_visit_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."visit_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_plan_goal_progress_goal_idx" ON "care_plan_goal_progress" USING btree ("goal_id","recorded_at");--> statement-breakpoint
CREATE INDEX "care_plan_goals_plan_idx" ON "care_plan_goals" USING btree ("care_plan_id");--> statement-breakpoint
CREATE INDEX "care_plan_medications_plan_idx" ON "care_plan_medications" USING btree ("care_plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_plan_versions_key" ON "care_plan_versions" USING btree ("care_plan_id","version");--> statement-breakpoint
CREATE INDEX "care_plans_client_idx" ON "care_plans" USING btree ("client_id","status");--> statement-breakpoint
CREATE INDEX "care_plans_review_idx" ON "care_plans" USING btree ("next_review_on") WHERE "care_plans"."status" in ('ACTIVE','ON_HOLD') and "care_plans"."deleted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "care_plans_one_active_key" ON "care_plans" USING btree ("client_id") WHERE "care_plans"."status" = 'ACTIVE' and "care_plans"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_entity_idx" ON "notifications" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evv_exceptions_visit_type_key" ON "evv_exceptions" USING btree ("visit_id","type");--> statement-breakpoint
CREATE INDEX "evv_exceptions_open_idx" ON "evv_exceptions" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "medication_administrations_dose_key" ON "medication_administrations" USING btree ("visit_id","medication_id","scheduled_for") WHERE "medication_administrations"."scheduled_for" is not null and "medication_administrations"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "medication_administrations_visit_idx" ON "medication_administrations" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_amendments_visit_idx" ON "visit_amendments" USING btree ("visit_id","changed_at");--> statement-breakpoint
CREATE INDEX "visit_series_client_idx" ON "visit_series" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "visits_worker_start_idx" ON "visits" USING btree ("worker_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "visits_client_start_idx" ON "visits" USING btree ("client_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "visits_start_idx" ON "visits" USING btree ("scheduled_start");--> statement-breakpoint
CREATE INDEX "visits_series_idx" ON "visits" USING btree ("series_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "visits_status_start_idx" ON "visits" USING btree ("status","scheduled_start");