import type { Kysely, Selectable } from 'kysely';
import type {
  AccessTokenRecord,
  ConsumerRecord,
  OAuth1Driver,
  RequestTokenRecord,
  SealedSecret,
  SealedSecretKind,
} from '../../services/oauth1/oauth1-driver.ts';
import type { Database, OAuth1AccessTokenTable, OAuth1ConsumerTable, OAuth1RequestTokenTable } from '../tables.ts';
import { parseJson } from './sql-helpers.ts';

const roleIdsOf = (text: string | null): string[] | null => {
  if (text === null) return null;
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.map(String) : [];
};

const consumerOf = (row: Selectable<OAuth1ConsumerTable>): ConsumerRecord => ({
  id: row.id,
  description: row.description,
  secret: row.secret,
  secretKeyHash: row.secret_key_hash,
  extra: parseJson(row.extra),
});

const requestTokenOf = (row: Selectable<OAuth1RequestTokenTable>): RequestTokenRecord => ({
  id: row.id,
  secret: row.secret,
  secretKeyHash: row.secret_key_hash,
  verifier: row.verifier,
  authorizingUserId: row.authorizing_user_id,
  requestedProjectId: row.requested_project_id,
  roleIds: roleIdsOf(row.role_ids),
  consumerId: row.consumer_id,
  expiresAt: row.expires_at,
});

const accessTokenOf = (row: Selectable<OAuth1AccessTokenTable>): AccessTokenRecord => ({
  id: row.id,
  secret: row.secret,
  secretKeyHash: row.secret_key_hash,
  authorizingUserId: row.authorizing_user_id,
  projectId: row.project_id,
  roleIds: roleIdsOf(row.role_ids) ?? [],
  consumerId: row.consumer_id,
  expiresAt: row.expires_at,
});

const SEALED_TABLES = {
  consumer: 'oauth1_consumer',
  request_token: 'oauth1_request_token',
  access_token: 'oauth1_access_token',
} as const;

export class OAuth1Sql implements OAuth1Driver {
  constructor(private readonly db: Kysely<Database>) {}

  async listSealedSecrets() {
    const secrets: SealedSecret[] = [];
    for (const [kind, table] of Object.entries(SEALED_TABLES) as Array<
      [SealedSecretKind, (typeof SEALED_TABLES)[SealedSecretKind]]
    >) {
      const rows = await this.db.selectFrom(table).select(['id', 'secret', 'secret_key_hash']).execute();
      for (const row of rows)
        secrets.push({ kind, id: row.id, secret: row.secret, secretKeyHash: row.secret_key_hash });
    }
    return secrets;
  }

  async resealSecret(kind: SealedSecretKind, id: string, sealed: { secret: string; secretKeyHash: string }) {
    await this.db
      .updateTable(SEALED_TABLES[kind])
      .set({ secret: sealed.secret, secret_key_hash: sealed.secretKeyHash })
      .where('id', '=', id)
      .execute();
  }

  async getConsumer(id: string) {
    const row = await this.db.selectFrom('oauth1_consumer').selectAll().where('id', '=', id).executeTakeFirst();
    return row && consumerOf(row);
  }

  async listConsumers() {
    return (await this.db.selectFrom('oauth1_consumer').selectAll().orderBy('id').execute()).map(consumerOf);
  }

  async createConsumer(c: ConsumerRecord) {
    await this.db
      .insertInto('oauth1_consumer')
      .values({
        id: c.id,
        description: c.description,
        secret: c.secret,
        secret_key_hash: c.secretKeyHash,
        extra: JSON.stringify(c.extra),
      })
      .execute();
  }

  async updateConsumer(id: string, patch: { description?: string | null; extra: Record<string, unknown> }) {
    await this.db
      .updateTable('oauth1_consumer')
      .set({
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        extra: JSON.stringify(patch.extra),
      })
      .where('id', '=', id)
      .execute();
  }

  async deleteConsumer(id: string) {
    const access = await this.db.selectFrom('oauth1_access_token').select('id').where('consumer_id', '=', id).execute();
    await this.db.deleteFrom('oauth1_request_token').where('consumer_id', '=', id).execute();
    await this.db.deleteFrom('oauth1_access_token').where('consumer_id', '=', id).execute();
    await this.db.deleteFrom('oauth1_consumer').where('id', '=', id).execute();
    return access.map((r) => r.id);
  }

  async getRequestToken(id: string) {
    const row = await this.db.selectFrom('oauth1_request_token').selectAll().where('id', '=', id).executeTakeFirst();
    return row && requestTokenOf(row);
  }

  async createRequestToken(t: RequestTokenRecord) {
    await this.db
      .insertInto('oauth1_request_token')
      .values({
        id: t.id,
        secret: t.secret,
        secret_key_hash: t.secretKeyHash,
        verifier: t.verifier,
        authorizing_user_id: t.authorizingUserId,
        requested_project_id: t.requestedProjectId,
        role_ids: t.roleIds === null ? null : JSON.stringify(t.roleIds),
        consumer_id: t.consumerId,
        expires_at: t.expiresAt,
      })
      .execute();
  }

  async authorizeRequestToken(id: string, a: { userId: string; roleIds: string[]; verifier: string }) {
    const result = await this.db
      .updateTable('oauth1_request_token')
      .set({ authorizing_user_id: a.userId, role_ids: JSON.stringify(a.roleIds), verifier: a.verifier })
      .where('id', '=', id)
      .where('verifier', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async exchangeRequestToken(requestTokenId: string, t: AccessTokenRecord) {
    // The delete decides: of two exchanges racing with one verifier, only one removes the row.
    const removed = await this.db
      .deleteFrom('oauth1_request_token')
      .where('id', '=', requestTokenId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return false;
    await this.db
      .insertInto('oauth1_access_token')
      .values({
        id: t.id,
        secret: t.secret,
        secret_key_hash: t.secretKeyHash,
        authorizing_user_id: t.authorizingUserId,
        project_id: t.projectId,
        role_ids: JSON.stringify(t.roleIds),
        consumer_id: t.consumerId,
        expires_at: t.expiresAt,
      })
      .execute();
    return true;
  }

  async getAccessToken(id: string) {
    const row = await this.db.selectFrom('oauth1_access_token').selectAll().where('id', '=', id).executeTakeFirst();
    return row && accessTokenOf(row);
  }

  async listAccessTokens(userId: string) {
    return (
      await this.db
        .selectFrom('oauth1_access_token')
        .selectAll()
        .where('authorizing_user_id', '=', userId)
        .orderBy('id')
        .execute()
    ).map(accessTokenOf);
  }

  async deleteAccessToken(id: string) {
    await this.db.deleteFrom('oauth1_access_token').where('id', '=', id).execute();
  }

  async deleteForUser(userId: string) {
    const access = await this.db
      .selectFrom('oauth1_access_token')
      .select('id')
      .where('authorizing_user_id', '=', userId)
      .execute();
    await this.db.deleteFrom('oauth1_request_token').where('authorizing_user_id', '=', userId).execute();
    await this.db.deleteFrom('oauth1_access_token').where('authorizing_user_id', '=', userId).execute();
    return access.map((r) => r.id);
  }
}
