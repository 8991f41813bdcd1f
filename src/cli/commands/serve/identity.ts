import type { IncomingMessage } from 'node:http';
import type { Env } from '../../env.js';

/** The env a request is served with: as the user the impersonation headers name (`kubectl --as`, `--as-group`). */
export function asRequested(env: Env, req: IncomingMessage): Env {
  const user = req.headersDistinct['impersonate-user']?.[0];
  return user === undefined ? env : { ...env, impersonate: { user, groups: req.headersDistinct['impersonate-group'] ?? [] } };
}
