import { WorkspaceInput } from '../../core/index.js';

export class ListWorkspacesInput {}

export class GetCurrentUserInput extends WorkspaceInput {}
