/** A signed-in API session from Node (cookie + CSRF token), for seeding data the browser then shows. */
export interface ApiSession {
  get<T>(path: string): Promise<T>;
  send<T>(method: string, path: string, body?: unknown): Promise<T>;
  upload<T>(path: string, form: FormData): Promise<T>;
}

export async function apiSession(baseUrl: string, email: string, password: string): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(baseUrl + path, {
      ...init,
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(init.headers as Record<string, string>) },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    get: (path) => call('GET', path),
    send: (method, path, body) =>
      call(
        method,
        path,
        body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
      ),
    upload: (path, form) => call('POST', path, { body: form }),
  };
}

/**
 * Replaces a one-time password (first-start admin, new user) with `password`, which the console
 * requires before anything else, and returns a session signed in with the new one.
 */
export async function sessionAfterPasswordChange(
  baseUrl: string,
  email: string,
  oneTimePassword: string,
  password: string,
): Promise<ApiSession> {
  const first = await apiSession(baseUrl, email, oneTimePassword);
  await first.send('POST', '/api/v1/auth/password', {
    currentPassword: oneTimePassword,
    newPassword: password,
  });
  return apiSession(baseUrl, email, password);
}
