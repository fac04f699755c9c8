CREATE TABLE "proconnect_flows" (
	"id" text PRIMARY KEY NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "proconnect_identities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"sub" text NOT NULL,
	"siret" text,
	"idp_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_login_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proconnect_pending_links" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"sub" text NOT NULL,
	"siret" text NOT NULL,
	"idp_id" text,
	"acr" text,
	"id_token" text NOT NULL,
	"claims" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "proconnect_id_token" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "siret" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "needs_review" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "proconnect_identities" ADD CONSTRAINT "proconnect_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proconnect_pending_links" ADD CONSTRAINT "proconnect_pending_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proconnect_identities_sub_key" ON "proconnect_identities" USING btree ("issuer","sub");--> statement-breakpoint
CREATE UNIQUE INDEX "proconnect_identities_user_key" ON "proconnect_identities" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "proconnect_pending_links_user_idx" ON "proconnect_pending_links" USING btree ("user_id");