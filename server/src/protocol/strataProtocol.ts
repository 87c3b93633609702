/**
 * Strata's own LSP extensions: the only way the VS Code client (or any LSP client) learns about
 * the topology. Each request and notification is a typed `RequestType`/`NotificationType`, each
 * server command a typed `ServerCommand`, so a wrong parameter or result type is a compile error
 * on both sides. Positions are LSP's (0-based line, UTF-16 character), URIs are `file://` URIs.
 */
export * from './positions';
export * from './topology';
export * from './fileInfo';
export * from './counterparts';
export * from './wiringMap';
export * from './topologyChanged';
export * from './serverCommands';
export * from './settings';
