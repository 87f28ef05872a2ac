/** What the WebFTP endpoints answer (alpacon-api.md §2.5); only the fields this plugin reads are typed. */

export interface TransferResponse {
  id: string;
  name?: string;
  path?: string | string[];
  size?: number;
  upload_url?: string;
  download_url?: string;
  command?: string | null;
  expires_at?: string;
  [key: string]: unknown;
}

export interface TransferStatus {
  success: boolean | null;
  message?: string;
}

/** Presigned URLs are bearer credentials: they never go back to the model. */
export function withoutUrls<T extends Record<string, unknown>>(record: T): Omit<T, 'upload_url' | 'download_url'> {
  const { upload_url: _upload, download_url: _download, ...rest } = record;
  return rest;
}
