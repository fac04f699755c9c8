import { themeKeys, themes, type Theme } from '../../shared/fields.js';
import { codevCasesForTheme, codevThemeCounts } from '../codev/sessions/themes.js';
import { announcementsForTheme, cohortThemeCounts, sponsorQuestionsForTheme } from '../cohorts/cohorts.themes.js';
import { eventsForTheme, eventThemeCounts } from '../events/events.service.js';
import { questionsForTheme } from '../helpspace/search/search.service.js';
import { listThemes as helpThemes } from '../helpspace/spaces/spaces.service.js';
import { resourcesForTheme, resourceThemeCounts } from '../library/search/search.service.js';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';

// The theme pages (issue 23, item 9) gather what each module tags with the platform's one theme list.
// This module has no rule of its own: each section comes from a reader function of the module that
// owns the items, with that module's visibility rule (docs/modules/themes.md).

/** How many items of each kind a theme page shows (the total says how many the viewer may read). */
export const SECTION_SIZE = 20;

/** One theme: its questions, resources, events, co-development cases, announcements and sponsor questions the viewer may read. */
export async function themePage(deps: Deps, user: AuthUser | null, theme: Theme) {
  const [questions, resources, events, codevCases, announcements, sponsorQuestions] = await Promise.all([
    questionsForTheme(deps, user, theme, SECTION_SIZE),
    resourcesForTheme(deps, user, theme, SECTION_SIZE),
    eventsForTheme(deps, user, theme, SECTION_SIZE),
    codevCasesForTheme(deps, user, theme, SECTION_SIZE),
    announcementsForTheme(deps, user, theme, SECTION_SIZE),
    sponsorQuestionsForTheme(deps, user, theme, SECTION_SIZE),
  ]);
  return { theme: { key: theme, label: themes[theme] }, questions, resources, events, codevCases, announcements, sponsorQuestions };
}

/** Every theme with how many items of each kind the viewer may read. */
export async function themeList(deps: Deps, user: AuthUser | null) {
  const [help, resources, events, codevCases, cohorts] = await Promise.all([
    helpThemes(deps, user),
    resourceThemeCounts(deps, user),
    eventThemeCounts(deps, user),
    codevThemeCounts(deps, user),
    cohortThemeCounts(deps, user),
  ]);
  return {
    items: themeKeys.map((key) => {
      const counts = {
        questions: help.items.find((i) => i.key === key)?.questionsCount ?? 0,
        resources: resources[key] ?? 0,
        events: events[key] ?? 0,
        codevCases: codevCases[key] ?? 0,
        announcements: cohorts.announcements[key] ?? 0,
        sponsorQuestions: cohorts.sponsorQuestions[key] ?? 0,
      };
      return { key, label: themes[key], counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
    }),
  };
}
