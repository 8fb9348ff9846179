// The only way the app talks to the server: the public /auth endpoints and POST /graphql with a bearer token, as
// any partner's front end would. Tokens live in sessionStorage (shared with GraphiQL on the same origin).

const store = window.sessionStorage;
let signInNeeded = null; // set by the shell: shows the sign-in dialog, resolves once signed in again
let waitingForSignIn = null;
let refreshing = null; // the one refresh under way: a refresh token is good for one use only

export function signedIn() {
  return Boolean(store.getItem('oc.access'));
}

export function onSignInNeeded(handler) {
  signInNeeded = handler;
}

async function postJson(path, body) {
  return fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

function keep(tokens) {
  store.setItem('oc.access', tokens.accessToken);
  if (tokens.refreshToken) store.setItem('oc.refresh', tokens.refreshToken);
}

/** Signs in with a built-in account; true when it worked. */
export async function login(email, password) {
  const response = await postJson('/auth/login', { email, password });
  if (!response.ok) return false;
  keep(await response.json());
  store.setItem('oc.email', email);
  return true;
}

/** Keeps a token from elsewhere (the OpenID Connect provider's access token): no refresh token here. */
export function keepToken(accessToken) {
  store.removeItem('oc.refresh');
  store.setItem('oc.access', accessToken);
}

export async function logout() {
  const refreshToken = store.getItem('oc.refresh');
  store.clear();
  if (refreshToken) await postJson('/auth/logout', { refreshToken }).catch(() => {});
}

function refreshOnce() {
  refreshing ??= refresh().finally(() => { refreshing = null; });
  return refreshing;
}

async function refresh() {
  const refreshToken = store.getItem('oc.refresh');
  if (!refreshToken) return false;
  const response = await postJson('/auth/refresh', { refreshToken });
  if (!response.ok) return false;
  keep(await response.json());
  return true;
}

/**
 * Sends a request with the token. On 401 it refreshes the token once; when that fails too, it waits for the user to
 * sign in again (the screen stays as it is, with whatever was typed) and then sends the request again.
 */
export async function authorized(path, init = {}) {
  const send = () => fetch(path, {
    ...init, headers: { ...(init.headers || {}), Authorization: 'Bearer ' + (store.getItem('oc.access') || '') },
  });
  const sentWith = store.getItem('oc.access');
  let response = await send();
  if (response.status !== 401) return response;
  // Several requests meet the end of a token at once: the first refreshes, the others wait for it and resend.
  if (store.getItem('oc.access') !== sentWith || await refreshOnce()) {
    response = await send();
    if (response.status !== 401) return response;
  }
  if (!signInNeeded) return response;
  waitingForSignIn ??= signInNeeded().finally(() => { waitingForSignIn = null; });
  await waitingForSignIn;
  return send();
}

export class ApiError extends Error {
  constructor(errors) {
    super(errors.map(e => e.message).join('; '));
    this.errors = errors;
  }
}

/** Runs a GraphQL document; answers its data, or throws ApiError when the server answered errors and no data. */
export async function gql(query, variables = {}, headers = {}) {
  const response = await authorized('/graphql', {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => ({ errors: [{ message: 'HTTP ' + response.status }] }));
  if (body.errors?.length && !body.data) throw new ApiError(body.errors);
  if (body.errors?.length) console.warn('GraphQL errors', body.errors);
  return body.data;
}

/**
 * Runs a mutation and answers its payload (the one field of the mutation). User errors stay in payload.errors for
 * the screen to show next to the fields they name. It carries an Idempotency-Key, so that the request sent again
 * after a sign-in runs once.
 */
export async function mutate(query, variables) {
  // one key per action: sent again after a sign-in dialog (or twice by a double click), it still runs once
  const key = globalThis.crypto?.randomUUID?.();
  const data = await gql(query, variables, key ? { 'Idempotency-Key': key } : {});
  return Object.values(data)[0];
}

/** A file the API links to (attachment, quote PDF), fetched with the token, as an object URL and its type. */
export async function fetchFile(url) {
  // The token goes to this server only, whatever address a record names.
  if (new URL(url, location.href).origin !== location.origin) throw new Error('not a file of this server: ' + url);
  const response = await authorized(url);
  if (!response.ok) throw new Error('HTTP ' + response.status);
  const blob = await response.blob();
  return { url: URL.createObjectURL(blob), type: blob.type, size: blob.size };
}

/** Uploads a file to an activity (multipart, as the API documents for attachments). */
export async function upload(activityId, file) {
  const form = new FormData();
  form.append('activityId', activityId);
  form.append('file', file);
  const response = await authorized('/attachments', { method: 'POST', body: form });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message || body.errors?.[0]?.message || 'HTTP ' + response.status);
  return body;
}
