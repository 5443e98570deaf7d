DROP INDEX "sms_outbox_due_idx";--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "action_id" uuid;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "held" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD CONSTRAINT "sms_outbox_action_id_device_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."device_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sms_outbox_held_idx" ON "sms_outbox" USING btree ("action_id") WHERE "sms_outbox"."held";--> statement-breakpoint
CREATE INDEX "sms_outbox_due_idx" ON "sms_outbox" USING btree ("next_attempt_at") WHERE "sms_outbox"."status" = 'queued' and not "sms_outbox"."held";