/**
 * Every module's job handlers, registered on the queue in one place. Loaded by createDeps
 * (runtime.ts) on first use: importing the handlers imports most of the server.
 */
import { registerAccountJobs } from '../accounts/accounts.service.js';
import { registerProConnectJobs } from '../accounts/proconnect.service.js';
import { registerActorJobs } from '../actors/actors.service.js';
import { registerCohortJobs } from '../cohorts/cohorts.routes.js';
import { registerCodevJobs } from '../codev/summary/summary.service.js';
import { registerContactJobs } from '../contact/contact.service.js';
import { registerEventJobs } from '../events/events.routes.js';
import { registerHelpspaceJobs } from '../helpspace/helpspace.routes.js';
import { registerLibraryJobs } from '../library/library.routes.js';
import { registerNotificationJobs } from '../notifications/notifications.service.js';
import { registerOrganisationJobs } from '../organisations/organisations.service.js';
import { registerUploadJobs } from '../procurement/uploads/uploads.service.js';
import { registerSpaserJobs } from '../spaser/bilan.service.js';
import type { Deps } from './context.js';
import { registerJobReports } from './jobs.admin.js';

/** Registers every module's job handlers on the queue (the server, the CLI and tests, through createDeps). */
export function registerJobs(deps: Deps) {
  registerAccountJobs(deps);
  registerProConnectJobs(deps);
  registerOrganisationJobs(deps);
  registerHelpspaceJobs(deps);
  registerNotificationJobs(deps);
  registerCodevJobs(deps);
  registerLibraryJobs(deps);
  registerEventJobs(deps);
  registerCohortJobs(deps);
  registerUploadJobs(deps);
  registerJobReports(deps);
  registerContactJobs(deps);
  registerSpaserJobs(deps);
  registerActorJobs(deps);
}
