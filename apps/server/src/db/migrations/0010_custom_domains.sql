CREATE TABLE "acme_accounts" (
	"directory_url" text PRIMARY KEY NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "domain_certificates" (
	"domain" text PRIMARY KEY NOT NULL,
	"certificate" text,
	"private_key" text,
	"source" text,
	"not_after" timestamp with time zone,
	"ordering_until" timestamp with time zone,
	"challenge_token" text,
	"challenge_response" text,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "domain_certificates_challenge_idx" ON "domain_certificates" USING btree ("challenge_token");