CREATE TABLE "assistant_actions" (
	"action_id" uuid PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assistant_actions" ADD CONSTRAINT "assistant_actions_action_id_device_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."device_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_actions" ADD CONSTRAINT "assistant_actions_message_id_assistant_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."assistant_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistant_actions_message_idx" ON "assistant_actions" USING btree ("message_id","created_at");--> statement-breakpoint
CREATE INDEX "assistant_actions_unrecorded_idx" ON "assistant_actions" USING btree ("created_at") WHERE "assistant_actions"."recorded_at" is null;