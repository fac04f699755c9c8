/**
 * A local stand-in for ProConnect, for the demo only: the test OpenID Connect provider (oidc-provider 8,
 * a devDependency) on 127.0.0.1:3998 with three demo agents. `npm start` runs it beside the demo
 * (scripts/start.mjs); alone, it prints the variables to start the platform with (docs/modules/accounts.md).
 */
import { startTestProvider } from '../tests/helpers/oidc-provider.js';

const base = (process.env.BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
const port = Number(process.env.PROCONNECT_DEMO_PORT ?? 3998);
const provider = await startTestProvider({ redirectUri: `${base}/api/auth/proconnect/callback`, postLogoutRedirectUri: `${base}/connexion`, port });
// Lyon (216 901 231) is a registry buyer and « fia-demo » is trusted below: verified at once.
provider.accounts.set('agent.lyon', { email: 'nadia.haddad@agents-lyon.example', given_name: 'Nadia', usual_name: 'Haddad', siret: '21690123100011', idp_id: 'fia-demo' });
// Same organisation, untrusted provider: a membership request showing the SIRET.
provider.accounts.set('prive.lyon', { email: 'paul.martin@prestataire.example', given_name: 'Paul', usual_name: 'Martin', siret: '21690123100011', idp_id: 'fia-entreprises' });
// The demo's pending member of Strasbourg: linking to her existing account (her password, or the e-mailed link).
provider.accounts.set('lea.moreau', { email: 'lea.moreau@strasbourg.example', given_name: 'Léa', usual_name: 'Moreau', siret: '21670482500019', idp_id: 'fia-demo' });
if (process.env.PROCONNECT_DEMO_JSON === '1') {
  // For `npm start` (scripts/start.mjs), which runs this provider beside the demo: one line it reads.
  console.log(JSON.stringify({ issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, trustedIdpIds: 'fia-demo' }));
} else {
  console.log(`Fournisseur ProConnect de démonstration : ${provider.issuer} (identifiants : agent.lyon, prive.lyon, lea.moreau ; tout mot de passe)`);
  console.log(
    `Démarrez la plateforme avec :\nPROCONNECT_ISSUER=${provider.issuer} PROCONNECT_CLIENT_ID=${provider.clientId} PROCONNECT_CLIENT_SECRET=${provider.clientSecret} PROCONNECT_ALLOW_HTTP=true PROCONNECT_TRUSTED_IDP_IDS=fia-demo PROCONNECT_DEMO=false npm start`,
  );
}
const stop = () => provider.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
