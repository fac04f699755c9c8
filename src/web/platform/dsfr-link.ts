import { setLink } from '@codegouvfr/react-dsfr/link';
import { Link } from 'react-router';

// The DSFR's components draw their links with react-router's Link (what `startReactDsfr` registers),
// in the browser (platform/dsfr.ts) and on the server, in both renderers (server/platform/ssr-render.tsx,
// app-render.tsx), each loaded with the first page it renders: without it, the DSFR draws `<a>`
// without `href` (the header's links lost their address on a home page rendered before any other page).
// Its parameter is typed loosely in `startReactDsfr`; setLink's is not.
setLink({ Link: Link as unknown as Parameters<typeof setLink>[0]['Link'] });
