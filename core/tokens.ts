/** DI tokens for core services. Plugins inject these; never construct the services themselves. */
export const CONFIG = Symbol.for('alpacon-mcp:config');
export const TOKEN_STORE = Symbol.for('alpacon-mcp:token-store');
export const ALPACON = Symbol.for('alpacon-mcp:alpacon-client');
export const LOGGER = Symbol.for('alpacon-mcp:logger');
export const LIFECYCLE = Symbol.for('alpacon-mcp:lifecycle');
/** A plugin's own validated settings (its `.alpaconrc` section, defaults filled). */
export const PLUGIN_SETTINGS = Symbol.for('alpacon-mcp:plugin-settings');
