/** A JWT (OAuth access token) has three base64url parts; anything else is an API token. */
export function isJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

/** The Authorization header Alpacon expects: `Bearer <jwt>` or `token="<key>"`. */
export function authorizationHeader(token: string): string {
  return isJwt(token) ? `Bearer ${token}` : `token="${token}"`;
}
