// "Sign in with" the company's OpenID Connect provider: the authorization code flow with PKCE, done by the browser
// against the provider (its discovery document and token endpoint must allow this origin: CORS). The provider's
// access token is then sent to the API like any token; GET /auth/providers says whether and where.

const PENDING = 'oc.oidc.pending';

/** The sign-in options of this server: { password: true, oidc: { issuer, clientId, scope, name } | null }. */
export async function providers() {
  const response = await fetch('/auth/providers');
  return response.ok ? response.json() : { password: true, oidc: null };
}

function redirectUri() {
  return location.origin + '/app/';
}

function randomText(bytes) {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function discovery(issuer) {
  const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error('discovery: HTTP ' + response.status);
  return response.json();
}

/** Leaves for the provider's sign-in page; it comes back to /app/ with ?code=...&state=... */
export async function startSignIn(oidc) {
  const config = await discovery(oidc.issuer);
  const verifier = randomText(48);
  const state = randomText(24);
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({
    verifier, state, tokenEndpoint: config.token_endpoint, clientId: oidc.clientId, route: location.hash || '#/board',
  }));
  const url = new URL(config.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri(), scope: oidc.scope,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * On the way back from the provider: exchanges the code for tokens (checking the state) and answers the access
 * token; null when this page load is not such a return.
 */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  if (!params.has('code') && !params.has('error')) return null;
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', '/app/' + (pending?.route || '#/board')); // where the user was, without code and state
  if (params.has('error')) throw new Error(params.get('error_description') || params.get('error'));
  if (!pending || params.get('state') !== pending.state) throw new Error('the sign-in answer does not match its request');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: pending.clientId, code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error('token: HTTP ' + response.status);
  const tokens = await response.json();
  return tokens.access_token;
}
