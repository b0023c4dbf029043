// The gateway's API as the two pages use it: the bearer token (session storage only, never a URL), JSON calls
// that turn problem+json answers into errors, and the live status stream read with fetch, since EventSource
// cannot send an Authorization header.

const TOKEN_KEY = 'heavyweight.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token.trim()),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** The token's claims, decoded for display only (the gateway checks the signature). Null when unreadable. */
export function claims(token) {
  const parts = (token || '').trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** An answer other than 2xx: the HTTP status and the problem document (RFC 9457) the gateway sent. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** [{field, message}] of an invalid-request problem; empty otherwise. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

function headers(extra) {
  const h = { Accept: 'application/json', ...extra };
  const token = session.token();
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

/** One JSON call; resolves to {status, headers, data}, rejects with ApiError (status 0: no answer at all). */
export async function call(path, { method = 'GET', body, headers: extra = {}, signal } = {}) {
  const init = { method, headers: headers(extra), signal };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'No answer', detail: 'The gateway could not be reached. Check the connection and try again.' });
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    throw new ApiError(response.status, data || { title: response.statusText || `HTTP ${response.status}` });
  }
  return { status: response.status, headers: response.headers, data };
}

/** A problem in words for a person: the detail, or a fallback by status. */
export function describe(error) {
  if (!(error instanceof ApiError)) return String(error?.message || error);
  if (error.status === 401) return 'Your token was not accepted (missing, expired or not signed by this platform). Sign in again.';
  if (error.status === 403) return 'Your token does not allow this (it lacks the admin role).';
  if (error.status === 429) return `${error.problem.detail || 'Too many requests.'}`;
  return error.problem.detail || error.problem.title || `The request failed (HTTP ${error.status}).`;
}

/**
 * Reads a text/event-stream answer: calls onEvent({id, event, data}) for each event, resolves when the server
 * ends the stream. Comments (heartbeats) are skipped.
 */
export async function stream(path, { lastEventId, signal, onEvent }) {
  const extra = { Accept: 'text/event-stream' };
  if (lastEventId) extra['Last-Event-ID'] = lastEventId;
  let response;
  try {
    response = await fetch(path, { headers: headers(extra), signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'No answer', detail: 'The live status stream could not be opened.' });
  }
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    throw new ApiError(response.status, data);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { id: null, event: 'message', data: [] };
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') event.id = value;
        else if (field === 'event') event.event = value;
        else if (field === 'data') event.data.push(value);
      }
      if (event.data.length > 0) onEvent({ ...event, data: event.data.join('\n') });
    }
  }
}

/** Shows the sign-in form until a token is given; fills the identity line. Resolves with the claims. */
export function setUpSignIn({ onSignedIn }) {
  const section = document.getElementById('signin');
  const form = document.getElementById('signin-form');
  const input = document.getElementById('token');
  const error = document.getElementById('token-error');
  const identity = document.getElementById('identity');

  function render() {
    const token = session.token();
    const who = claims(token);
    identity.replaceChildren();
    if (!token || !who) {
      section.hidden = false;
      return false;
    }
    section.hidden = true;
    const text = document.createElement('span');
    const roles = Array.isArray(who.groups) ? who.groups.join(', ') : 'none';
    text.textContent = `${who.sub || 'unknown user'} · tenant ${who.tenant || '?'} · roles: ${roles}`;
    const out = document.createElement('button');
    out.type = 'button';
    out.className = 'link';
    out.textContent = 'Sign out';
    out.addEventListener('click', () => {
      session.signOut();
      location.reload();
    });
    identity.append(text, ' ', out);
    return true;
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) {
      error.textContent = 'Paste a token first.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    const who = claims(token);
    if (!who) {
      error.textContent = 'This is not a JWT (three dot-separated parts).';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    if (who.exp && who.exp * 1000 < Date.now()) {
      error.textContent = 'This token has expired; make a new one (dev/token).';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    input.value = '';
    session.signIn(token);
    if (render()) onSignedIn(claims(token));
  });

  if (render()) onSignedIn(claims(session.token()));
}

/** Seconds as a person reads them: 0.4 s, 12 s, 3 min 5 s. */
export function seconds(s) {
  if (s == null || Number.isNaN(s)) return '–';
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
