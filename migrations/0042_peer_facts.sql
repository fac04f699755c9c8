CREATE TABLE "peer_facts" (
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"siren" text,
	"region_code" text,
	"departement_code" text,
	"band_year" integer,
	"band" integer,
	"spaser_status" text NOT NULL,
	"spaser_stage" integer NOT NULL,
	"adopted_on" text,
	"share_year" integer,
	"environmental_share" double precision,
	"social_share" double precision,
	"useful_answers" integer NOT NULL,
	"available_to_help" boolean NOT NULL,
	"potential" integer NOT NULL,
	CONSTRAINT "peer_facts_user_id_organisation_id_pk" PRIMARY KEY("user_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "peer_facts_pending" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"organisation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "peer_theme_facts" (
	"theme" text NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"region_code" text,
	"departement_code" text,
	"band_year" integer,
	"band" integer,
	"answers" integer NOT NULL,
	"declared" boolean NOT NULL,
	"potential" integer NOT NULL,
	CONSTRAINT "peer_theme_facts_theme_user_id_organisation_id_pk" PRIMARY KEY("theme","user_id","organisation_id")
);
--> statement-breakpoint
ALTER TABLE "peer_facts" ADD CONSTRAINT "peer_facts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_facts" ADD CONSTRAINT "peer_facts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_theme_facts" ADD CONSTRAINT "peer_theme_facts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_theme_facts" ADD CONSTRAINT "peer_theme_facts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "peer_facts_kind_region_idx" ON "peer_facts" USING btree ("kind","region_code","potential" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "peer_facts_region_idx" ON "peer_facts" USING btree ("region_code","potential" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "peer_facts_kind_idx" ON "peer_facts" USING btree ("kind","potential" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "peer_facts_kind_band_idx" ON "peer_facts" USING btree ("kind","band_year","band","potential" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "peer_facts_potential_idx" ON "peer_facts" USING btree ("potential" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "peer_facts_departement_idx" ON "peer_facts" USING btree ("departement_code","potential" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "peer_facts_organisation_idx" ON "peer_facts" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "peer_theme_facts_kind_region_idx" ON "peer_theme_facts" USING btree ("theme","kind","region_code","potential" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "peer_theme_facts_region_idx" ON "peer_theme_facts" USING btree ("theme","region_code","potential" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "peer_theme_facts_kind_idx" ON "peer_theme_facts" USING btree ("theme","kind","potential" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "peer_theme_facts_kind_band_idx" ON "peer_theme_facts" USING btree ("theme","kind","band_year","band","potential" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "peer_theme_facts_potential_idx" ON "peer_theme_facts" USING btree ("theme","potential" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "peer_theme_facts_departement_idx" ON "peer_theme_facts" USING btree ("theme","departement_code","potential" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "peer_theme_facts_user_idx" ON "peer_theme_facts" USING btree ("user_id");--> statement-breakpoint
-- Peer matching facts (ADR 0014, « the facts table »): every write that changes what the ranking knows
-- of a member notes the member (or their organisation) in peer_facts_pending, in the write's own
-- transaction, whichever code path made it. The facts themselves are computed in TypeScript from the one
-- definition of each input (peers/peer-facts.ts), before any ranking: triggers only note, never compute.
CREATE OR REPLACE FUNCTION peer_facts_note_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO peer_facts_pending (user_id) VALUES (NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER peer_facts_users AFTER UPDATE OF directory_visibility, available_to_help, themes, disabled_at, deleted_at ON users
  FOR EACH ROW WHEN ((OLD.directory_visibility, OLD.available_to_help, OLD.themes, OLD.disabled_at, OLD.deleted_at)
    IS DISTINCT FROM (NEW.directory_visibility, NEW.available_to_help, NEW.themes, NEW.disabled_at, NEW.deleted_at))
  EXECUTE FUNCTION peer_facts_note_user();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION peer_facts_note_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO peer_facts_pending (user_id) VALUES (OLD.user_id); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO peer_facts_pending (user_id) VALUES (NEW.user_id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER peer_facts_memberships AFTER INSERT OR UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION peer_facts_note_membership();
--> statement-breakpoint
-- Useful answers: an answer's author; a question's theme: the authors of its answers.
CREATE OR REPLACE FUNCTION peer_facts_note_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.kind = 'answer' AND OLD.useful_at IS NOT NULL THEN
    INSERT INTO peer_facts_pending (user_id) VALUES (OLD.author_id);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.kind = 'answer' AND NEW.useful_at IS NOT NULL THEN
    INSERT INTO peer_facts_pending (user_id) VALUES (NEW.author_id);
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.kind = 'question' AND NEW.theme IS DISTINCT FROM OLD.theme THEN
    INSERT INTO peer_facts_pending (user_id)
      SELECT DISTINCT a.author_id FROM help_posts a WHERE a.question_id = NEW.id AND a.kind = 'answer' AND a.useful_at IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER peer_facts_help_posts_insert_delete AFTER INSERT OR DELETE ON help_posts
  FOR EACH ROW EXECUTE FUNCTION peer_facts_note_post();
--> statement-breakpoint
CREATE TRIGGER peer_facts_help_posts_update AFTER UPDATE OF kind, useful_at, deleted_at, hidden_at, space_id, question_id, author_id, theme ON help_posts
  FOR EACH ROW WHEN ((OLD.kind, OLD.useful_at, OLD.deleted_at, OLD.hidden_at, OLD.space_id, OLD.question_id, OLD.author_id, OLD.theme)
    IS DISTINCT FROM (NEW.kind, NEW.useful_at, NEW.deleted_at, NEW.hidden_at, NEW.space_id, NEW.question_id, NEW.author_id, NEW.theme))
  EXECUTE FUNCTION peer_facts_note_post();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION peer_facts_note_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO peer_facts_pending (organisation_id) VALUES (NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER peer_facts_organisations AFTER UPDATE OF kind, siren, region_code, departement_code, spaser_statement, spaser_stated_at ON organisations
  FOR EACH ROW WHEN ((OLD.kind, OLD.siren, OLD.region_code, OLD.departement_code, OLD.spaser_statement, OLD.spaser_stated_at)
    IS DISTINCT FROM (NEW.kind, NEW.siren, NEW.region_code, NEW.departement_code, NEW.spaser_statement, NEW.spaser_stated_at))
  EXECUTE FUNCTION peer_facts_note_organisation();
--> statement-breakpoint
-- The inputs of the one SPASER status (view organisation_spaser_status): declarations, buyers, SPASERs.
CREATE OR REPLACE FUNCTION peer_facts_note_organisation_of_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN INSERT INTO peer_facts_pending (organisation_id) VALUES (OLD.organisation_id); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO peer_facts_pending (organisation_id) VALUES (NEW.organisation_id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER peer_facts_spaser_declarations AFTER INSERT OR UPDATE OR DELETE ON spaser_declarations
  FOR EACH ROW EXECUTE FUNCTION peer_facts_note_organisation_of_row();
--> statement-breakpoint
CREATE TRIGGER peer_facts_spaser_buyers AFTER INSERT OR UPDATE OR DELETE ON spaser_buyers
  FOR EACH ROW EXECUTE FUNCTION peer_facts_note_organisation_of_row();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION peer_facts_note_spaser() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO peer_facts_pending (organisation_id) SELECT b.organisation_id FROM spaser_buyers b WHERE b.spaser_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER peer_facts_spasers AFTER UPDATE OF status, adopted_on, created_at ON spasers
  FOR EACH ROW WHEN ((OLD.status, OLD.adopted_on, OLD.created_at) IS DISTINCT FROM (NEW.status, NEW.adopted_on, NEW.created_at))
  EXECUTE FUNCTION peer_facts_note_spaser();
--> statement-breakpoint
-- DECP shares and size bands: the import rewrites decp_buyer_years and decp_siren_years per SIREN in set-based statements (ADR 0015); one note
-- per organisation of the SIRENs a statement touched, not one per row.
CREATE OR REPLACE FUNCTION peer_facts_note_buyer_years() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO peer_facts_pending (organisation_id)
    SELECT o.id FROM organisations o WHERE o.siren IN (SELECT buyer_siren FROM changed_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER peer_facts_decp_buyer_years_insert AFTER INSERT ON decp_buyer_years
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION peer_facts_note_buyer_years();
--> statement-breakpoint
CREATE TRIGGER peer_facts_decp_buyer_years_update AFTER UPDATE ON decp_buyer_years
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION peer_facts_note_buyer_years();
--> statement-breakpoint
CREATE TRIGGER peer_facts_decp_buyer_years_delete AFTER DELETE ON decp_buyer_years
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION peer_facts_note_buyer_years();
--> statement-breakpoint
CREATE TRIGGER peer_facts_decp_siren_years_insert AFTER INSERT ON decp_siren_years
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION peer_facts_note_buyer_years();
--> statement-breakpoint
CREATE TRIGGER peer_facts_decp_siren_years_update AFTER UPDATE ON decp_siren_years
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION peer_facts_note_buyer_years();
--> statement-breakpoint
CREATE TRIGGER peer_facts_decp_siren_years_delete AFTER DELETE ON decp_siren_years
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION peer_facts_note_buyer_years();
--> statement-breakpoint
-- Existing databases: every organisation with members is noted, and the first reader builds the table.
INSERT INTO peer_facts_pending (organisation_id) SELECT DISTINCT organisation_id FROM memberships;
