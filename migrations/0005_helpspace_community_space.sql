-- The one community space of the help space (COMMUNITY_SPACE_ID in helpspace.tables.ts): every
-- verified member reads and posts there; private spaces are created by facilitators.
INSERT INTO help_spaces (id, kind, name, description, created_at)
VALUES ('00000000-0000-4000-8000-00000000c0de', 'community', 'Espace d''entraide',
        'Les questions et réponses entre acheteurs publics de la communauté.', now())
ON CONFLICT (id) DO NOTHING;
