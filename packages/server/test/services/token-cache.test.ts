import { afterEach, describe, expect, it } from 'vitest';
import { SqlStore } from '../../src/storage/sql/sql-store.ts';
import { startInMemoryServices, type InMemoryServices } from '../helpers/in-memory-services.ts';

let s: InMemoryServices;
afterEach(() => s.close());

/** Alice's unscoped token, issued while she is enabled. */
async function aliceToken() {
  const alice = await s.createUser('alice');
  const token = await s.services.authenticator.authenticate({
    identity: { methods: ['password'], password: { user: { id: alice.id, password: 'alice-password' } } },
    scope: 'unscoped',
  });
  return { alice, token };
}

/** A write this process does not hear of, as another node's would be: through a store of its own. */
function disableBehindTheServicesBack(userId: string) {
  const { db, dialect } = s.container.database;
  return new SqlStore(db, dialect).identity.updateUser(userId, { enabled: false });
}

describe('TokenService: the validation cache', () => {
  it('reuses a validation for [token] cache_time at most: a write it was not told of shows up after that', async () => {
    s = await startInMemoryServices({ token: { cache_time: '30' } });
    const { alice, token } = await aliceToken();
    await disableBehindTheServicesBack(alice.id);
    s.clock.advance(30_000);
    await expect(s.services.tokens.validate(token.id)).resolves.toMatchObject({ id: token.id });
    s.clock.advance(1);
    await expect(s.services.tokens.validate(token.id)).rejects.toMatchObject({ reason: 'stale' });
  });

  it('is dropped at once by a write it is told of', async () => {
    s = await startInMemoryServices({ token: { cache_time: '30' } });
    const { alice, token } = await aliceToken();
    await disableBehindTheServicesBack(alice.id);
    s.services.tokens.invalidateCache();
    await expect(s.services.tokens.validate(token.id)).rejects.toMatchObject({ reason: 'stale' });
  });

  it('with [token] caching = false every validation reads the database', async () => {
    s = await startInMemoryServices({ token: { caching: 'false' } });
    const { alice, token } = await aliceToken();
    await disableBehindTheServicesBack(alice.id);
    await expect(s.services.tokens.validate(token.id)).rejects.toMatchObject({ reason: 'stale' });
  });

  it('does not keep a token issued from records loaded before a write it was told of', async () => {
    s = await startInMemoryServices({ token: { cache_time: '30' } });
    const alice = await s.createUser('alice');
    const tokens = s.services.tokens;
    const issue = tokens.issue.bind(tokens);
    // The write lands after the authenticator loaded Alice (enabled) and before the token is built from that.
    tokens.issue = async (...args: Parameters<typeof issue>) => {
      await disableBehindTheServicesBack(alice.id);
      tokens.invalidateCache();
      return issue(...args);
    };
    const token = await s.services.authenticator.authenticate({
      identity: { methods: ['password'], password: { user: { id: alice.id, password: 'alice-password' } } },
      scope: 'unscoped',
    });
    await expect(tokens.validate(token.id)).rejects.toMatchObject({ reason: 'stale' });
  });
});
