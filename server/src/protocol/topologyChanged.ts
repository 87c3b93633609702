import { NotificationType } from 'vscode-jsonrpc';

/** Notification `strata/topologyChanged`, server → client: ask for `strata/topology` again. */
export namespace TopologyChangedNotification {
  export const method = 'strata/topologyChanged';
  export const type = new NotificationType<TopologyChangedParams>(method);
}

export interface TopologyChangedParams {
  version: number;
}
