export type { AlpaconConfig, ToolSelection } from './types.js';
export { loadConfig, type LoadConfigOptions } from './load-config.js';
export { validateConfig, CORE_SECTION_KEYS } from './validate-config.js';
