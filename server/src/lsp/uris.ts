import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `file://` URIs ↔ absolute paths. Only `file:` documents are Strata's: `untitled:`, `git:` and
 * the like are other views of (maybe) the same text and get nothing.
 */
export function uriToPath(uri: string): string | undefined {
  if (!uri.toLowerCase().startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/**
 * The URI of a path, encoded the way VS Code's `vscode-uri` does (everything but unreserved
 * characters and `/` percent-encoded, a Windows drive letter lower-cased with its colon encoded),
 * so a client that compares URI strings sees the same text it would produce itself.
 */
export function pathToUri(filePath: string): string {
  let p = filePath;
  if (process.platform === 'win32') {
    p = p.replace(/\\/g, '/');
    if (/^[A-Za-z]:/.test(p)) p = '/' + p.charAt(0).toLowerCase() + p.slice(1);
    else if (p.startsWith('//')) {
      const end = p.indexOf('/', 2);
      const authority = end < 0 ? p.slice(2) : p.slice(2, end);
      return `file://${authority.toLowerCase()}${encodePath(end < 0 ? '/' : p.slice(end))}`;
    }
  }
  return `file://${encodePath(p)}`;
}

function encodePath(p: string): string {
  return p
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()))
    .join('/');
}
