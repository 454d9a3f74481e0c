// api.js - fetch wrapper for the meedoen JSON API.
// Parses application/problem+json into an ApiError, and sends the user to the
// login page when the session is missing or expired (401).

export class ApiError extends Error {
  constructor(status, body) {
    const detail = body && (body.detail || body.title);
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.errors = (body && Array.isArray(body.errors)) ? body.errors : [];
  }
}

// The page the user should come back to after logging in.
export function currentPage() {
  return location.pathname + location.search;
}

export function redirectToLogin() {
  const next = currentPage();
  location.assign(`/login.html?next=${encodeURIComponent(next)}`);
}

async function parseBody(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { title: text.slice(0, 200) };
  }
}

// request(method, path, body?, options?) -> parsed JSON body.
// options: { raw: true } sends body as is (Blob/File/string) with
// options.contentType and the header X-Meedoen-Upload: 1, which the server
// requires on file uploads (a form on another site cannot set it);
// { noRedirect: true } turns off the 401 redirect;
// { acceptStatus: [422] } returns the body for those statuses instead of throwing.
export async function request(method, path, body, options = {}) {
  const headers = { accept: 'application/json' };
  let payload;
  if (body !== undefined && body !== null) {
    if (options.raw) {
      payload = body;
      if (options.contentType) headers['content-type'] = options.contentType;
      headers['x-meedoen-upload'] = '1';
    } else {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, { title: 'De server is niet bereikbaar.', detail: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.' });
  }
  const data = await parseBody(response);
  if (response.status === 401 && !options.noRedirect) {
    redirectToLogin();
    // Never resolve: the page is going away.
    return new Promise(() => {});
  }
  if (response.ok || (options.acceptStatus || []).includes(response.status)) {
    if (options.withStatus) return { status: response.status, body: data, headers: response.headers };
    return data;
  }
  const error = new ApiError(response.status, data);
  const retry = response.headers.get('retry-after');
  if (retry && /^\d+$/.test(retry)) error.retryAfter = Number(retry);
  throw error;
}

export const get = (path, options) => request('GET', path, undefined, options);
export const post = (path, body, options) => request('POST', path, body ?? undefined, options);
export const patch = (path, body, options) => request('PATCH', path, body, options);
export const put = (path, body, options) => request('PUT', path, body, options);

// Build a query string from an object, leaving out empty values.
export function query(params) {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

// A friendly Dutch message for an error that is not about a single field.
export function describeError(err) {
  if (!(err instanceof ApiError)) return 'Er ging iets mis. Probeer het opnieuw.';
  switch (err.status) {
    case 0: return err.message;
    case 403: return 'U hebt geen toestemming voor deze actie of deze gegevens.';
    case 404: return 'Niet gevonden.';
    case 409: return err.body?.detail ? `Conflict: ${err.body.detail}` : 'Dit bestaat al.';
    case 413: return 'Het bestand of de invoer is te groot.';
    case 415: return 'Dit bestandstype wordt niet ondersteund.';
    case 429: return 'Te veel pogingen. Probeer het later opnieuw.';
    default:
      if (err.status >= 500) return `Er ging iets mis op de server (${err.status}). Probeer het later opnieuw.`;
      return err.message || `Fout ${err.status}.`;
  }
}
