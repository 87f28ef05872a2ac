export { TokenStore, defaultTokenFile, expandHome, type TokenEntry, type TokenSource, type TokenStoreOptions } from './token-store.js';
export { tokenEnvName, urlEnvName, parseTokenEnvName } from './token-env.js';
export { authorizationHeader, isJwt } from './credential.js';
export { writeTokenFile, readTokenFile, entryToken, entryUrl, type TokenFileContent, type TokenFileEntry } from './token-file.js';
export { credentialKind, tokenSourceEnvName, type CredentialKind } from './login-credential.js';
