import { RequestType } from 'vscode-jsonrpc';

/** Request `strata/wiringMap`: a domain's Prescriptive Wiring Map, Markdown (the CLI's `strata map`). */
export const WiringMapRequest = new RequestType<WiringMapParams, WiringMapResult, void>('strata/wiringMap');

export interface WiringMapParams {
  audience: string;
  domain: string;
}

export interface WiringMapResult {
  markdown: string;
  /** The file name the team's maps use: `integrations.DOMAIN_WIRING_MAP.md`. */
  fileName: string;
}
