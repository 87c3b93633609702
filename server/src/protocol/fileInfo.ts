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
  /** For a layout with audiences: the audience's id and the name reports give it. */
  audience?: string;
  audienceName?: string;
  module?: string;
  /** The rules of the file's layer: what it may not import. */
  mayNotImport: { rule: string; message: string; fix: string }[];
  violationCount: number;
  /** For a file of a layer that has counterparts: that layer (so a client can offer "create counterpart"). */
  counterpartLayer?: { id: string; label: string };
}
