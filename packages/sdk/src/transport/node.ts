/**
 * The Node-only parts of the transport, plugged in for the Node entries (`src/index.ts`, `src/middleware/index.ts`):
 * per-client TLS settings (node:https, node:fs) and `node/<version>` in the user agent. The browser entry does not
 * import this file; that is what keeps `node:` modules out of its import graph.
 */
import { setPlatform } from './http.ts';
import { createTlsFetch } from './tls-fetch.ts';

setPlatform({ runtime: `node/${process.version}`, tlsFetch: createTlsFetch });
