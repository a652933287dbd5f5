/**
 * One error type for everything that can go wrong talking to a cluster, with a `kind` the UI can act on
 * and a message that says what happened and what to do. Messages never contain credentials.
 */
export type ClusterErrorKind =
  | 'no-config' // no/invalid kubeconfig or context
  | 'unreachable' // connection refused, DNS, network
  | 'timeout' // no answer in time
  | 'tls' // certificate problems
  | 'auth-plugin' // exec plugin (aws eks get-token) missing or failing
  | 'unauthorized' // 401
  | 'forbidden' // 403 (RBAC)
  | 'unknown-kind' // the API server does not serve this apiVersion/kind
  | 'not-found' // 404 for the object or its namespace
  | 'invalid' // 422 or a server-side apply schema error
  | 'conflict' // 409 (field manager conflicts, already exists)
  | 'cancelled'
  | 'server'; // anything else the server said

export interface FieldCause {
  field?: string;
  message: string;
  reason?: string;
}

export class ClusterError extends Error {
  constructor(
    readonly kind: ClusterErrorKind,
    message: string,
    readonly details: {
      status?: number;
      /** Server-side causes (e.g. the invalid fields), field paths as the server writes them. */
      causes?: FieldCause[];
      /** RBAC: the verb and resource the server refused. */
      verb?: string;
      resource?: string;
      namespace?: string;
      /** Field-manager conflicts: retrying with force would take ownership. */
      forceAvailable?: boolean;
      /** The server's own message (already redacted). */
      serverMessage?: string;
    } = {},
  ) {
    super(message);
    this.name = 'ClusterError';
  }
}
