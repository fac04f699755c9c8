CREATE TABLE "spaser_buyers" (
	"spaser_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"status" text NOT NULL,
	"invited_by" uuid,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "spaser_buyers_spaser_id_organisation_id_pk" PRIMARY KEY("spaser_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "spaser_editors" (
	"spaser_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "spaser_editors_spaser_id_user_id_pk" PRIMARY KEY("spaser_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "spaser_sections" (
	"spaser_id" uuid NOT NULL,
	"section" text NOT NULL,
	"body" jsonb DEFAULT 'null'::jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "spaser_sections_spaser_id_section_pk" PRIMARY KEY("spaser_id","section")
);
--> statement-breakpoint
CREATE TABLE "spasers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"lead_organisation_id" uuid NOT NULL,
	"period_start" integer NOT NULL,
	"period_end" integer,
	"status" text DEFAULT 'in_preparation' NOT NULL,
	"adopted_on" date,
	"adoption_reference" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "spaser_buyers" ADD CONSTRAINT "spaser_buyers_spaser_id_spasers_id_fk" FOREIGN KEY ("spaser_id") REFERENCES "public"."spasers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_buyers" ADD CONSTRAINT "spaser_buyers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_buyers" ADD CONSTRAINT "spaser_buyers_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_buyers" ADD CONSTRAINT "spaser_buyers_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_editors" ADD CONSTRAINT "spaser_editors_spaser_id_spasers_id_fk" FOREIGN KEY ("spaser_id") REFERENCES "public"."spasers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_editors" ADD CONSTRAINT "spaser_editors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_sections" ADD CONSTRAINT "spaser_sections_spaser_id_spasers_id_fk" FOREIGN KEY ("spaser_id") REFERENCES "public"."spasers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_sections" ADD CONSTRAINT "spaser_sections_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spasers" ADD CONSTRAINT "spasers_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spasers" ADD CONSTRAINT "spasers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "spaser_buyers_org_idx" ON "spaser_buyers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "spasers_lead_idx" ON "spasers" USING btree ("lead_organisation_id");