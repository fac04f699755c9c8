import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { StrictMode, useEffect, type ReactNode } from 'react';
import { ServerRenderedPath } from './server-rendered-path';

/**
 * What surrounds the router, the same element tree on the server (platform/app-render.tsx) and in the
 * browser (main.tsx): hydration compares the two trees, and React's `useId` numbers follow the tree's
 * shape (one more sibling anywhere above shifts every id below: the DSFR's skip links, cards and
 * radio buttons then carry other ids than the server's HTML, « some attributes … didn't match »).
 * `onCommitted` runs once the tree is committed (in the browser only: effects never run on the server).
 */
export function AppFrame(props: { path: string | null; client: QueryClient; onCommitted?: () => void; children: ReactNode }) {
  return (
    <StrictMode>
      <Committed onCommitted={props.onCommitted}>
        <ServerRenderedPath value={props.path}>
          <QueryClientProvider client={props.client}>{props.children}</QueryClientProvider>
        </ServerRenderedPath>
      </Committed>
    </StrictMode>
  );
}

/** Its children unchanged (one child: no fork in the tree), and `onCommitted` after the first commit. */
function Committed({ onCommitted, children }: { onCommitted?: () => void; children: ReactNode }) {
  useEffect(() => onCommitted?.(), [onCommitted]);
  return children;
}
