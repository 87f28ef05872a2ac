import { InvalidInputError } from '../../core/index.js';

/**
 * Fields some Alpacon servers require although the tool treats them as optional: the 2024 open-source server requires
 * `password` on user create (alpacanetworks/alpacon-server `iam/api/serializers.py` UserSerializer, model field).
 * Its plain "This field is required." becomes an error that says which argument to pass.
 */
const HINTS: Record<string, string> = {
  password: 'This Alpacon server needs an initial password for a new user: call create_iam_user again with password (8 characters or more).',
  display_name: 'This Alpacon server needs a display name for a new group: call create_iam_group again with display_name.',
};

export function withRequiredFieldHint(error: unknown): unknown {
  if (!(error instanceof InvalidInputError)) return error;
  const missing = error.fields.find((f) => HINTS[f.field] !== undefined && f.problems.some((p) => /required/i.test(p)));
  if (missing === undefined) return error;
  return Object.assign(new InvalidInputError(error.fields, HINTS[missing.field]), { status: error.status, apiCode: error.apiCode });
}
