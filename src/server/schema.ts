// Every table of the platform, for drizzle's typed queries and for drizzle-kit.
export * from './accounts/accounts.tables.js';
export * from './accounts/proconnect.tables.js';
export * from './organisations/organisations.tables.js';
export * from './territories/territories.tables.js';
export * from './platform/jobs.tables.js';
export * from './helpspace/helpspace.tables.js';
export * from './notifications/notifications.tables.js';
export * from './procurement/procurement.tables.js';
export * from './library/library.tables.js';
export * from './events/events.tables.js';
export * from './cohorts/cohorts.tables.js';
export * from './codev/codev.tables.js';
export * from './procurement/uploads/uploads.tables.js';
export * from './observatory/observatory.tables.js';
export * from './platform/quotas.tables.js';
export * from './spaser/spaser.tables.js';
