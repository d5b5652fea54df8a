/**
 * The Node-only parts of the transport, plugged in for the Node entries (`src/index.ts`, `src/middleware/index.ts`):
 * requests on node:http/node:https (any port, per-client TLS settings) and `node/<version>` in the user agent. The browser entry does not
 * import this file; that is what keeps `node:` modules out of its import graph.
 */
import { setPlatform } from './http.ts';
import { createTlsFetch } from './tls-fetch.ts';

setPlatform({ runtime: `node/${process.version}`, nodeFetch: createTlsFetch });
