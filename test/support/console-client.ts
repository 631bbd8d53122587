/** A browser-like client of the office console over HTTP: keeps the session cookie, sends the CSRF token of the last page. */
export interface ConsoleResponse {
  status: number;
  location: string;
  text: string;
  headers: Headers;
}

/** What the client talks to: a test server's origin and its fetch (in process or over a socket). */
export interface ConsoleTarget {
  readonly url: string;
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

export function consoleClient(target: () => ConsoleTarget, headers: Record<string, string> = {}) {
  const baseUrl = () => target().url;
  let cookie = '';
  let csrf = '';
  const request = async (method: 'GET' | 'POST', path: string, fields?: Record<string, string | string[]>): Promise<ConsoleResponse> => {
    // A field given as a list is sent once per value, as ticked checkboxes or repeated hidden inputs are.
    const body = fields ? new URLSearchParams(Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x]))) : undefined;
    const res = await target().fetch(`${baseUrl()}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...headers, cookie, ...(body ? { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl() } : {}) },
      body,
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) csrf = token;
    return { status: res.status, location: res.headers.get('location') ?? '', text, headers: res.headers };
  };
  return {
    sessionId: () => decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)),
    get: (path: string) => request('GET', path),
    post: (path: string, fields: Record<string, string | string[]>) => request('POST', path, { _csrf: csrf, ...fields }),
    /** Posts a multipart form with one file, as a browser's upload form does (`_csrf` first unless `csrf` is given). */
    upload: async (path: string, file: { name: string; bytes: Uint8Array; type?: string }, opts: { csrf?: string; origin?: string } = {}) => {
      const form = new FormData();
      form.set('_csrf', opts.csrf ?? csrf);
      form.set('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'application/octet-stream' }), file.name);
      const res = await target().fetch(`${baseUrl()}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...headers, cookie, origin: opts.origin ?? baseUrl() },
        body: form,
      });
      return { status: res.status, location: res.headers.get('location') ?? '', text: await res.text(), headers: res.headers };
    },
    /** The notice the page after a redirect shows (never carried in the address itself). */
    notice: async (res: { location: string }) => {
      const text = (await request('GET', res.location)).text;
      return { error: /role="alert">([^<]*)</.exec(text)?.[1] ?? '', ok: /role="status">([^<]*)</.exec(text)?.[1] ?? '' };
    },
    /** Posts the sign-in form; the response is the redirect (or the page saying why not). */
    login: (token: string) => request('POST', '/console/login', { token }),
    /** Signs in and opens the console's first page. */
    signIn: async (token: string) => {
      await request('POST', '/console/login', { token });
      return request('GET', '/console');
    },
  };
}
