/** Version of the alpacon-mcp core that plugins declare compatibility with (kept equal to package.json by a test). */
export const CORE_VERSION = '0.1.0';
