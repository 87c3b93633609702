import { NotificationType } from 'vscode-jsonrpc';

/** Notification `strata/topologyChanged`, server → client: ask for `strata/topology` again. */
export const TopologyChangedNotification = new NotificationType<TopologyChangedParams>('strata/topologyChanged');

export interface TopologyChangedParams {
  version: number;
}
