-- Highlighting in search excerpts: ts_headline must find the query's lexemes (built from unaccented
-- text) in the original, accented text. This configuration unaccents each word before French
-- stemming, so « collectivités » is highlighted for « collectivites ». Indexing keeps
-- to_tsvector('french', immutable_unaccent(…)) (migration 0004).
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION french_unaccent
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
