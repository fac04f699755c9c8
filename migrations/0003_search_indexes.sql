-- Prefix search on SIREN (a SIRET starts with it) whatever the database collation.
CREATE INDEX organisations_siren_prefix_idx ON organisations (siren text_pattern_ops);
