import { ErrorCode } from './codes.js';
import { AlpaconMcpError, type ErrorDetails } from './alpacon-error.js';
import { tokenEnvName } from '../auth/token-env.js';

export interface FieldProblem {
  field: string;
  problems: string[];
}

export class InvalidInputError extends AlpaconMcpError {
  constructor(readonly fields: FieldProblem[], hint = 'Fix the listed fields and call the tool again.') {
    const summary = fields.map((f) => `${f.field}: ${f.problems.join('; ')}`).join(' | ');
    super(ErrorCode.InvalidInput, `Invalid arguments: ${summary}`, { hint, details: { fields } });
  }
}

export class NotFoundError extends AlpaconMcpError {
  constructor(what: string, id: string, extra: ErrorDetails = {}) {
    super(ErrorCode.NotFound, `${what} ${id} was not found.`, {
      hint: `Check the ${what.toLowerCase()} id; list the ${what.toLowerCase()}s to find a valid one.`,
      ...extra,
    });
  }
}

export class TokenMissingError extends AlpaconMcpError {
  constructor(region: string, workspace: string) {
    super(ErrorCode.TokenMissing, `No API token is configured for workspace "${workspace}" in region "${region}".`, {
      hint:
        `Run "alpacon-mcp add" (or "alpacon-mcp setup") to store a token, or set ` +
        `${tokenEnvName(region, workspace)}. Use list_workspaces to see what is configured.`,
      details: { region, workspace },
    });
  }
}

export class NotConfiguredError extends AlpaconMcpError {
  constructor() {
    super(ErrorCode.NotConfigured, 'alpacon-mcp has no Alpacon workspace configured yet.', {
      hint:
        'Run "alpacon-mcp setup" in a terminal to add a workspace and API token, or start with --sandbox to try a local simulated workspace.',
    });
  }
}

export class CancelledError extends AlpaconMcpError {
  constructor(what = 'The operation') {
    super(ErrorCode.Cancelled, `${what} was cancelled.`);
  }
}

export class ConfigError extends AlpaconMcpError {
  constructor(message: string, readonly source?: string, hint?: string) {
    super(ErrorCode.ConfigInvalid, source ? `${source}: ${message}` : message, { hint, details: source ? { source } : undefined });
  }
}

export class PluginError extends AlpaconMcpError {
  constructor(readonly plugin: string, message: string, hint?: string) {
    super(ErrorCode.PluginInvalid, `Plugin "${plugin}": ${message}`, { hint, details: { plugin } });
  }
}
