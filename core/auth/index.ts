export { TokenStore, defaultTokenFile, type TokenEntry, type TokenSource, type TokenStoreOptions } from './token-store.js';
export { tokenEnvName, parseTokenEnvName } from './token-env.js';
export { authorizationHeader, isJwt } from './credential.js';
export { writeTokenFile, readTokenFile, type TokenFileContent } from './token-file.js';
export { credentialKind, tokenSourceEnvName, type CredentialKind } from './login-credential.js';
