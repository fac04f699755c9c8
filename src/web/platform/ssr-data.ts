// The data of a page rendered by the server (ADR 0029), carried in the page as a JSON script; the
// web app puts it in its query cache before drawing, so it draws the same page without asking again.

export const SSR_DATA_ID = 'entraide-ssr-data';

export type ServerData = { key: readonly unknown[]; value: unknown };

/** The server's data of this page, once (the script is removed: a later navigation never reads it). */
export function takeServerData(): ServerData | null {
  const script = document.getElementById(SSR_DATA_ID);
  if (!script) return null;
  script.remove();
  try {
    const data = JSON.parse(script.textContent ?? '') as ServerData;
    return Array.isArray(data.key) ? data : null;
  } catch {
    return null;
  }
}
