import { RequestType } from 'vscode-jsonrpc';

/** Request `strata/fileInfo`: where one file sits. No `layer` for files Strata does not classify. */
export const FileInfoRequest = new RequestType<FileInfoParams, FileInfoResult, void>('strata/fileInfo');

export interface FileInfoParams {
  uri: string;
}

export interface FileInfoResult {
  uri: string;
  /** Absent when the file is in no layer (or outside every source root). */
  layer?: { id: string; label: string; role: string };
  domain?: string;
  audience?: string;
  /** CUSTOMER, FOUNDER, INTERNAL. */
  audienceName?: string;
  module?: string;
  /** The rules of the file's layer: what it may not import. */
  mayNotImport: { rule: string; message: string; fix: string }[];
  violationCount: number;
}
