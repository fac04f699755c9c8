-- French search where stemming and accent folding meet in the same form for the indexed text and
-- the query (docs/decisions/0020-french-search-folding.md). The French Snowball stemmer needs the
-- accents (« réalisées » → réalis, but « realisees » → realise), so words are stemmed first, then
-- folded: accents removed and trailing « e » dropped (what the stemmer leaves of « -ée(s) » when the
-- accent is missing). A vector holds the folded stems of the text as written and of the text without
-- accents (for text typed without them), at the same positions; a query is folded the same way.
CREATE OR REPLACE FUNCTION french_fold_lexeme(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT regexp_replace(public.unaccent('public.unaccent'::regdictionary, $1), '(.)e+$', '\1') $$;
--> statement-breakpoint
-- The search vector of a text (no weights: callers add setweight): the folded lexemes of both
-- vectors, through their text form (equal lexemes merge, positions kept). unaccent is called once on
-- the whole text form, then trailing « e » are dropped before each closing quote — unless unaccent
-- brought a quote or a backslash (a few letters such as « ʼ » become « ' »): then lexeme by lexeme,
-- each quoted and escaped. (unaccent is called directly: its SQL wrapper costs as much as stemming.)
CREATE OR REPLACE FUNCTION french_search_vector(t text) RETURNS tsvector
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
DECLARE
  v text := to_tsvector('french'::regconfig, t)::text;
  u text := public.unaccent('public.unaccent'::regdictionary, v);
  w text := to_tsvector('french'::regconfig, public.unaccent('public.unaccent'::regdictionary, t))::text;
BEGIN
  IF length(u) - length(translate(u, '''\', '')) = length(v) - length(translate(v, '''\', '')) THEN
    RETURN regexp_replace(u || ' ' || w, '([^''])e+'':', '\1'':', 'g')::tsvector;
  END IF;
  RETURN (
    SELECT coalesce(string_agg('''' || replace(replace(public.french_fold_lexeme(l.lexeme), '\', '\\'), '''', '''''') || ''''
                               || coalesce(':' || nullif(array_to_string(l.positions, ','), ''), ''), ' '), '')::tsvector
    FROM (SELECT lexeme, positions FROM unnest(to_tsvector('french'::regconfig, t))
          UNION ALL
          SELECT lexeme, positions FROM unnest(to_tsvector('french'::regconfig, public.unaccent('public.unaccent'::regdictionary, t)))) l);
END
$$;
--> statement-breakpoint
-- A tsquery with each lexeme folded, operators kept: its text form is split into quoted lexemes
-- (quotes doubled, backslashes doubled inside) and the rest.
CREATE OR REPLACE FUNCTION french_fold_query(tsquery) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT CASE WHEN numnode($1) = 0 THEN $1 ELSE (
      SELECT string_agg(CASE WHEN left(t.part[1], 1) = ''''
          THEN '''' || replace(replace(public.french_fold_lexeme(replace(replace(substr(t.part[1], 2, length(t.part[1]) - 2), '''''', ''''), '\\', '\')), '\', '\\'), '''', '''''') || ''''
          ELSE t.part[1] END, '' ORDER BY t.n)::tsquery
      FROM regexp_matches($1::text, '(''(?:[^'']|'''')*''|[^'']+)', 'g') WITH ORDINALITY AS t(part, n)) END
  $$;
--> statement-breakpoint
-- What a person typed (websearch syntax: words, "phrase", -word, or) as a query on
-- french_search_vector: the words as written, or else without their accents.
CREATE OR REPLACE FUNCTION french_search_query(text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT CASE WHEN q.a = q.b THEN q.a ELSE q.a || q.b END
    FROM (SELECT public.french_fold_query(websearch_to_tsquery('french'::regconfig, $1)) AS a,
                 public.french_fold_query(websearch_to_tsquery('french'::regconfig, public.unaccent('public.unaccent'::regdictionary, $1))) AS b) q
  $$;
--> statement-breakpoint
-- For ts_headline with french_unaccent (which reads the document as unaccented stems): any of the
-- query's folded lexemes as a prefix (« realis » marks « réalisées », read as realise); excluded words
-- are not marked.
CREATE OR REPLACE FUNCTION french_headline_query(text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT coalesce((SELECT string_agg(DISTINCT t.m[2] || ':*', ' | ')::tsquery
                     FROM regexp_matches(q.q::text, '(!?)(''(?:[^'']|'''')*'')', 'g') AS t(m)
                     WHERE t.m[1] = ''), q.q)
    FROM (SELECT public.french_search_query($1) AS q) q
  $$;
