/**
 * Every cached answer of the help space starts with this key: invalidated after each write. In a
 * module of its own, without React Query, because the server names it too (the question page it
 * renders, question-page.routes.ts) and must not load the web app's query library at start.
 */
export const helpKey = ['help'] as const;
