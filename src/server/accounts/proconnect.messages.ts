import { registerFailures } from '../platform/failures.js';
import { proconnectRefusals } from './proconnect.contract.js';

// French copy of ProConnect refusals (the contract holds the words, shared with the log-in page).
const status: Record<keyof typeof proconnectRefusals, number> = {
  PROCONNECT_NOT_CONFIGURED: 404,
  PROCONNECT_UNAVAILABLE: 503,
  PROCONNECT_STATE: 400,
  PROCONNECT_NONCE: 400,
  PROCONNECT_CODE: 400,
  PROCONNECT_INVALID_TOKEN: 400,
  PROCONNECT_INVALID_USERINFO: 400,
  PROCONNECT_DENIED: 400,
  PROCONNECT_MISSING_CLAIMS: 400,
  PROCONNECT_BAD_SIRET: 400,
  PROCONNECT_EMAIL_LINKED: 409,
  PROCONNECT_ACCOUNT_DISABLED: 403,
  PROCONNECT_LINK_EXPIRED: 400,
};
registerFailures(Object.fromEntries(Object.entries(proconnectRefusals).map(([code, message]) => [code, { status: status[code as keyof typeof status], message }])));
