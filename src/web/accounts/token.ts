import { useEffect, useRef } from 'react';

/**
 * The single-use token of a page opened from an e-mail (`?jeton=`), sent to the API once: React may
 * run an effect twice, and a second request would find the token already used.
 */
export function useSendTokenOnce(token: string | null, send: (token: string) => void) {
  const sent = useRef(false);
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true;
      send(token);
    }
  }, [token, send]);
}
