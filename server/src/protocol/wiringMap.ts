import { RequestType } from 'vscode-jsonrpc';

/** Request `strata/wiringMap`: a domain's Prescriptive Wiring Map, Markdown (the CLI's `strata map`). */
export const WiringMapRequest = new RequestType<WiringMapParams, WiringMapResult, void>('strata/wiringMap');

export interface WiringMapParams {
  domain: string;
  /** The domain's audience, for a layout with audiences (default: the ruleset's first). */
  audience?: string;
}

export interface WiringMapResult {
  markdown: string;
  /** The file name the ruleset gives the domain's map. */
  fileName: string;
}
