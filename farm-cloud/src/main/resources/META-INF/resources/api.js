// The one way the dashboard talks to the cloud's API. Whatever the request, an answer 401 (no session, or one the
// cloud has ended) is handled here and only here: the page goes back to the login form.

let loggedOut = () => {};

/** Thrown by {@link api} after a 401 has sent the page back to the login form; callers need not show it. */
export class LoggedOut extends Error {
  constructor(path) { super(`logged out (401 at ${path})`); this.name = 'LoggedOut'; }
}

/** Calls `then` (with no argument) whenever the cloud answers 401: the session is over. */
export function onLoggedOut(then) { loggedOut = then; }

/**
 * Requests `path`, sending `body` as JSON when given, and returns the Response. A 401 calls the logged-out
 * handler and throws LoggedOut, unless `anonymous` (the login itself, where 401 means a wrong password). A network
 * failure rejects with the browser's TypeError.
 */
export async function api(path, { method = 'GET', body = undefined, anonymous = false } = {}) {
  const res = await fetch(path, body === undefined ? { method }
    : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status === 401 && !anonymous) {
    loggedOut();
    throw new LoggedOut(path);
  }
  return res;
}

/** As {@link api}, and returns { status, ok, body } with the answer's JSON, or body null when it has none. */
export async function apiJson(path, options) {
  const res = await api(path, options);
  const body = await res.json().catch(() => null);
  return { status: res.status, ok: res.ok, body, headers: res.headers };
}
