import { setLink } from '@codegouvfr/react-dsfr/link';
import { Link } from 'react-router';

// The DSFR's components draw their links with react-router's Link on the server, as in the browser
// (web/platform/dsfr.ts). Imported by both renderers (ssr-render.tsx, app-render.tsx), each loaded
// with the first page it renders: without it, the DSFR draws `<a>` without `href` (the header's
// links lost their address on a home page rendered before any other page).
setLink({ Link: Link as never });
