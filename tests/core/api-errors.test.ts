import { describe, expect, it } from '@jest/globals';
import { apiError } from '../../core/http/api-errors.js';

// Error bodies as Django REST Framework writes them (shared/alpacon-api.md section 0, "errors").
describe('apiError: typed errors from real DRF bodies', () => {
  it('401, or 403 "credentials were not provided" (the 2024 server), is unauthorized: replace the token', () => {
    for (const [status, body] of [[401, { detail: 'Invalid token.' }], [403, { detail: 'Authentication credentials were not provided.' }]] as const) {
      const error = apiError(status, body);
      expect(error.code).toBe('unauthorized');
      expect(error.hint).toContain('missing, wrong or expired');
    }
  });

  it('a plain 403 is still forbidden, and a 401 with a documented code keeps that code', () => {
    expect(apiError(403, { detail: 'You do not have permission to perform this action.' }).code).toBe('forbidden');
    expect(apiError(401, { detail: 'MFA authentication is required.', code: 'auth_mfa_required' }).code).toBe('mfa_required');
  });

  it('400 {"line":["Permission denied"]} (2024 command ACL) is acl_denied; another field error on line stays invalid_input', () => {
    expect(apiError(400, { line: ['Permission denied'] }).code).toBe('acl_denied');
    expect(apiError(400, { line: ['This field may not be blank.'] }).code).toBe('invalid_input');
  });

  it('a bare array body keeps its message; field errors and non_field_errors are kept', () => {
    const bare = apiError(400, ['Server not identified.']);
    expect(bare.message).toContain('Server not identified.');
    const fields = apiError(400, { server: ['Select a valid choice.'], non_field_errors: ['Command cannot be cancelled.'] });
    expect(fields.code).toBe('invalid_input');
    expect(fields.details?.fields).toEqual([
      { field: 'server', problems: ['Select a valid choice.'] },
      { field: 'non_field_errors', problems: ['Command cannot be cancelled.'] },
    ]);
  });
});
