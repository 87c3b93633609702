import { RequestType } from 'vscode-jsonrpc';

/** Request `strata/wiringMap`: a domain's Prescriptive Wiring Map, Markdown (the CLI's `strata map`). */
export namespace WiringMapRequest {
  export const method = 'strata/wiringMap';
  export const type = new RequestType<WiringMapParams, WiringMapResult, void>(method);
}

export interface WiringMapParams {
  audience: string;
  domain: string;
}

export interface WiringMapResult {
  markdown: string;
  /** The file name the team's maps use: `integrations.DOMAIN_WIRING_MAP.md`. */
  fileName: string;
}
