/** Which Alpacon workspace a call goes to. Every tool input that extends WorkspaceInput is one. */
export interface AlpaconTarget {
  workspace: string;
  region: string;
}
