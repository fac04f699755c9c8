import path from 'node:path';
import { inject } from 'vitest';

/**
 * Child processes run this run's production build of the server (tests/helpers/global-setup.ts,
 * buildForChildren) with plain node: what a deployment runs, without loading the sources through
 * tsx in every child. Each returns the arguments of `process.execPath`.
 */
export const cliArgs = (...args: string[]) => [path.join(inject('serverBuild'), 'cli.js'), ...args];

/** The server's production entry (src/server/start.ts built): opens the database, then main(). */
export const serverArgs = () => [path.join(inject('serverBuild'), 'start.js')];
