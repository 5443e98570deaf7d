CREATE TABLE "agent_signing_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "device_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"type" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text NOT NULL,
	"requested_by_type" text NOT NULL,
	"requested_by_id" uuid NOT NULL,
	"idempotency_key" text,
	"boot_id_at_send" text,
	"expires_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"exit_code" integer,
	"output" text,
	"error" text,
	"reboot_required" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_id" uuid,
	"public_key" text NOT NULL,
	"hostname" text NOT NULL,
	"os" text NOT NULL,
	"os_version" text NOT NULL,
	"agent_version" text NOT NULL,
	"boot_id" text,
	"last_boot_at" timestamp with time zone,
	"logged_in_user" text,
	"ips" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"connection_id" uuid,
	"last_seen_at" timestamp with time zone,
	"enrollment_token_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrollment_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"max_uses" integer NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollment_tokens_uses_check" CHECK ("enrollment_tokens"."uses" between 0 and "enrollment_tokens"."max_uses")
);
--> statement-breakpoint
ALTER TABLE "device_actions" ADD CONSTRAINT "device_actions_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_enrollment_token_id_enrollment_tokens_id_fk" FOREIGN KEY ("enrollment_token_id") REFERENCES "public"."enrollment_tokens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_tokens" ADD CONSTRAINT "enrollment_tokens_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_tokens" ADD CONSTRAINT "enrollment_tokens_created_by_id_technicians_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."technicians"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "device_actions_idempotency_key" ON "device_actions" USING btree ("device_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "device_actions_in_flight_key" ON "device_actions" USING btree ("device_id","type") WHERE "device_actions"."state" in ('awaiting_verification', 'queued', 'sent', 'acknowledged', 'running');--> statement-breakpoint
CREATE INDEX "device_actions_device_idx" ON "device_actions" USING btree ("device_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "device_actions_pending_idx" ON "device_actions" USING btree ("expires_at") WHERE "device_actions"."state" in ('awaiting_verification', 'queued', 'sent', 'acknowledged', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "devices_public_key_key" ON "devices" USING btree ("public_key");--> statement-breakpoint
CREATE INDEX "devices_customer_idx" ON "devices" USING btree ("customer_id","hostname");--> statement-breakpoint
CREATE INDEX "devices_contact_idx" ON "devices" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "devices_online_seen_idx" ON "devices" USING btree ("last_seen_at") WHERE "devices"."online";--> statement-breakpoint
CREATE UNIQUE INDEX "enrollment_tokens_hash_key" ON "enrollment_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "enrollment_tokens_customer_idx" ON "enrollment_tokens" USING btree ("customer_id");