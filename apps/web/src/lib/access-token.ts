const storageKey = 'seer.accessToken';

/**
 * The bearer token this tab sends to a Seer that requires one (`SEER_AUTH_TOKENS`). It is kept in
 * `sessionStorage`: it survives a reload but not the tab, and is never written to the history.
 */
export function readAccessToken(): string | undefined {
  try {
    return sessionStorage.getItem(storageKey) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Stores the token for this tab (or forgets it, given nothing). */
export function saveAccessToken(token: string | undefined): void {
  try {
    if (token) sessionStorage.setItem(storageKey, token);
    else sessionStorage.removeItem(storageKey);
  } catch {
    // Storage blocked (private mode): the token lasts until the page is reloaded.
    memoryToken = token;
    return;
  }
  memoryToken = token;
}

let memoryToken: string | undefined;

/** The `Authorization` header for the API, when there is a token. */
export function authorizationHeader(): Record<string, string> {
  const token = readAccessToken() ?? memoryToken;
  return token ? { authorization: `Bearer ${token}` } : {};
}
