export { WorkspaceInput, ServerInput } from './base-inputs.js';
export { SHARED_ARGUMENTS, isSharedDescription, explainSharedArguments } from './shared-arguments.js';
export { PageInput, ServerPageInput, SummaryPageInput, withFields } from './page-inputs.js';
export { IsWorkspaceSlug, isWorkspaceSlug, WORKSPACE_PATTERN } from './checks/is-workspace-slug.js';
export { IsRegion, isRegion, REGIONS, DEFAULT_REGION, type Region } from './checks/is-region.js';
export { IsDistinctUuidList, isDistinctUuidList } from './checks/is-distinct-uuids.js';
