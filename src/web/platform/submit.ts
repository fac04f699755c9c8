// Sending a form once per intention, for every form of the app (issue 13, item 5).
//
// A double click is two click events: on a submit button the second used to send the form again (a
// second answer posted) or, when the first answer had already emptied the form, to show a validation
// error in red after a success. The second click of a multi-click (`detail` ≥ 2) on a submit button
// is dropped here, before React sees it; keyboard activation (detail 0) is untouched, and so are other
// buttons (« Monter » pressed twice quickly must move an item twice). For every action, identical
// requests still in flight share one answer (see `api.ts`), the buttons are disabled while their
// request is pending, and the server answers a repeated registration like the first.

const SUBMITS = 'button[type="submit"], input[type="submit"]';

/** Installs the guard on the document, once, at start. Returns a function that removes it (tests). */
export function ignoreRepeatedSubmitClicks(doc: Document = document): () => void {
  const listener = (e: MouseEvent) => {
    if (e.detail < 2) return;
    if (!(e.target instanceof Element) || !e.target.closest(SUBMITS)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  doc.addEventListener('click', listener, { capture: true });
  return () => doc.removeEventListener('click', listener, { capture: true });
}
