/*
 * A small OpenID Connect provider for the production test, standing in for the vendor's
 * Keycloak: panva's oidc-provider (certified OpenID Provider library) with one confidential
 * client (Weibao's backend) and the example organisation's people, whose emails match their
 * User entities in examples/org.yaml. Sign-in is a real login form checking the password; the
 * first-party client needs no consent screen (as a Keycloak client with consent off).
 *
 *   node e2e/production/oidc-idp.mjs
 *
 * Environment: IDP_PORT, IDP_CLIENT_ID, IDP_CLIENT_SECRET, IDP_REDIRECT_URI (Weibao's
 * <baseUrl>/api/auth/oidc/handler/frame), IDP_PASSWORD (every test user's password).
 * Prints "listening <issuer>" once it accepts connections.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const need = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const port = Number(need('IDP_PORT'));
const issuer = `http://127.0.0.1:${port}`;
const password = need('IDP_PASSWORD');

// The example organisation (examples/org.yaml): login name, name, email.
const people = {
  'zhang.wei': { name: '张伟', email: 'zhang.wei@vendor.example' },
  'li.na': { name: '李娜', email: 'li.na@vendor.example' },
};

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  alg: 'RS256',
  use: 'sig',
  kid: 'weibao-test',
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: need('IDP_CLIENT_ID'),
      client_secret: need('IDP_CLIENT_SECRET'),
      redirect_uris: [need('IDP_REDIRECT_URI')],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
  },
  features: { devInteractions: { enabled: false } },
  // Keycloak gives its clients refresh tokens without offline_access; Backstage refreshes the
  // session with them when the page is reloaded.
  issueRefreshToken: async (_ctx, client) =>
    client.grantTypeAllowed('refresh_token'),
  // first-party client: no consent screen
  loadExistingGrant: async ctx => {
    const grantId =
      ctx.oidc.result?.consent?.grantId ||
      ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile offline_access');
    await grant.save();
    return grant;
  },
  findAccount: async (_ctx, id) => {
    const person = people[id];
    if (!person) return undefined;
    return {
      accountId: id,
      claims: async () => ({
        sub: id,
        name: person.name,
        preferred_username: id,
        email: person.email,
        email_verified: true,
      }),
    };
  },
});
provider.on('server_error', (_ctx, err) => console.error('IdP error', err));

const escape = s =>
  String(s).replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]),
  );

const loginPage = (uid, error) => `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>Test SSO: sign in</title></head>
<body style="font-family:sans-serif;max-width:24rem;margin:4rem auto">
<h1>Test SSO 单点登录</h1>
${error ? `<p role="alert" style="color:#b00">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
  <label>Username <input name="username" autocomplete="username" required></label><br><br>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label><br><br>
  <button type="submit">Sign in</button>
</form></body></html>`;

const readForm = req =>
  new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
  if (!m) {
    callback(req, res);
    return;
  }
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name !== 'login') {
      // consent is given by loadExistingGrant: nothing to ask
      await provider.interactionFinished(req, res, {}, {});
      return;
    }
    if (!m[2] || req.method !== 'POST') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(loginPage(m[1]));
      return;
    }
    const form = await readForm(req);
    const username = form.get('username') ?? '';
    if (!people[username] || form.get('password') !== password) {
      res.statusCode = 401;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(loginPage(m[1], 'Invalid username or password'));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: username } },
      { mergeWithLastSubmission: false },
    );
  } catch (err) {
    res.statusCode = 400;
    res.end(String(err));
  }
});
server.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
