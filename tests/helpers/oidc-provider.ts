import { createPrivateKey, generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider 8) on 127.0.0.1, behaving as ProConnect does: userinfo
 * as a JWT signed with its key, authorisation codes valid 30 s and access tokens 60 s, the claims
 * sub, email, given_name, usual_name, siret, uid, idp_id; PKCE required only when asked.
 */
export type TestIdentity = { email: string; given_name: string; usual_name: string; siret: string; uid?: string; idp_id?: string };

export const PROCONNECT_SCOPES = 'openid email given_name usual_name siret uid idp_id';

export async function startTestProvider(opts: {
  clientId?: string;
  clientSecret?: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  pkceRequired?: boolean;
  port?: number;
  /** How the provider signs ID tokens and userinfo (RS256, as ProConnect today, unless asked). */
  alg?: 'RS256' | 'ES256';
}) {
  const clientId = opts.clientId ?? 'entraide-test';
  const clientSecret = opts.clientSecret ?? 'secret-du-client-de-test-0123456789';
  const alg = opts.alg ?? 'RS256';
  const { privateKey } = alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as JsonWebKey), kid: 'cle-test', alg, use: 'sig' };
  /** Identities by login: what the provider's login page accepts (any password). */
  const accounts = new Map<string, TestIdentity>();
  const ttl = { code: 30 };

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        post_logout_redirect_uris: [opts.postLogoutRedirectUri],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: alg,
        userinfo_signed_response_alg: alg,
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['cle-des-cookies-du-fournisseur-de-test'] },
    claims: {
      openid: ['sub'],
      email: ['email'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
      siret: ['siret'],
      uid: ['uid'],
      idp_id: ['idp_id'],
    },
    features: { jwtUserinfo: { enabled: true }, devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { methods: ['S256'], required: () => opts.pkceRequired ?? false },
    ttl: {
      AuthorizationCode: () => ttl.code,
      AccessToken: 60,
      IdToken: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    async findAccount(_ctx: unknown, id: string) {
      const identity = accounts.get(id);
      if (!identity) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, uid: id, ...identity }) };
    },
    // ProConnect asks no consent: the grant of every requested scope is established on the spot.
    async loadExistingGrant(ctx: any) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope(PROCONNECT_SCOPES);
      await grant.save();
      return grant;
    },
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    /** The provider's signing key (private JWK) and a stranger's, for tampering tests. */
    key: createPrivateKey({ key: jwk as never, format: 'jwk' }),
    strangerKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
    accounts,
    ttl,
    /**
     * Plays the browser at the provider: follows the authorisation address, fills its login page
     * with `login`, and returns the address of the platform's callback it redirects to.
     */
    async signIn(authorizeUrl: string, login: string): Promise<string> {
      const jar = new Map<string, string>();
      let url = authorizeUrl;
      let init: RequestInit = {};
      for (let i = 0; i < 12; i++) {
        const headers = new Headers(init.headers);
        if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
        const res = await fetch(url, { ...init, headers, redirect: 'manual' });
        for (const c of res.headers.getSetCookie()) {
          const [pair] = c.split(';');
          const at = pair!.indexOf('=');
          jar.set(pair!.slice(0, at), pair!.slice(at + 1));
        }
        if (res.status >= 300 && res.status < 400) {
          const next = new URL(res.headers.get('location')!, url).href;
          await res.body?.cancel();
          if (next.startsWith(opts.redirectUri)) return next;
          url = next;
          init = {};
          continue;
        }
        const html = await res.text();
        if (res.status === 200 && /name="prompt" value="login"/.test(html)) {
          init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ prompt: 'login', login, password: 'peu importe' }).toString() };
          continue;
        }
        throw new Error(`unexpected answer of the test provider at ${url}: ${res.status} ${html.slice(0, 300)}`);
      }
      throw new Error('too many redirects at the test provider');
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type TestProvider = Awaited<ReturnType<typeof startTestProvider>>;

const b64 = (v: object | Buffer) => Buffer.from(v instanceof Buffer ? v : JSON.stringify(v)).toString('base64url');

/** An RS256 JWS of `payload` with `key`, under the provider's key id (so the client looks that key up). */
export function signJwt(payload: Record<string, unknown>, key: KeyObject, kid = 'cle-test'): string {
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(payload)}`;
  return `${head}.${sign('sha256', Buffer.from(head), key).toString('base64url')}`;
}

/** The payload of a compact JWS, unverified. */
export const jwtPayload = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
