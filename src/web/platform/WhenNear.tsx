import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Its children once the place they take comes near the screen (600 px ahead), `placeholder` until
 * then: a part far down a page that costs the browser much to load and draw (the organisation
 * page's charts) is not drawn while the page itself is loading on a slow phone (issue 14 goal 3,
 * ADR 0039). The server renders the placeholder too (no effect runs there), so a hydrated page starts
 * from the same HTML. Without IntersectionObserver, the children at once.
 */
export function WhenNear({ children, placeholder }: { children: ReactNode; placeholder: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '600px 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return near ? children : <div ref={ref}>{placeholder}</div>;
}
