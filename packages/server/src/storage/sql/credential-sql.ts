import type { Kysely, Selectable } from 'kysely';
import type { CredentialDriver, CredentialRecord } from '../../services/credential/credential-driver.ts';
import type { CredentialTable, Database } from '../tables.ts';
import { defined, insertOrConflict, parseJson } from './sql-helpers.ts';

const toCredential = (row: Selectable<CredentialTable>): CredentialRecord => ({
  id: row.id,
  userId: row.user_id,
  projectId: row.project_id,
  type: row.type,
  encryptedBlob: row.blob,
  keyHash: row.key_hash,
  extra: parseJson(row.extra),
});

/** PostgreSQL text cannot hold NUL, so no stored key contains one: such a key matches nothing (not a 500). */
const storable = (value: string | undefined) => value === undefined || !value.includes('\0');

export class CredentialSql implements CredentialDriver {
  constructor(private readonly db: Kysely<Database>) {}

  async getCredential(id: string) {
    if (!storable(id)) return undefined;
    const row = await this.db.selectFrom('credential').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCredential(row);
  }

  async listCredentials(filter: { userId?: string; type?: string; projectId?: string }) {
    if (![filter.userId, filter.type, filter.projectId].every(storable)) return [];
    let query = this.db.selectFrom('credential').selectAll();
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.type !== undefined) query = query.where('type', '=', filter.type);
    if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
    return (await query.orderBy('id').execute()).map(toCredential);
  }

  async createCredential(c: CredentialRecord) {
    await insertOrConflict('credential', `Duplicate entry found with ID ${c.id}`, () =>
      this.db
        .insertInto('credential')
        .values({
          id: c.id,
          user_id: c.userId,
          project_id: c.projectId,
          type: c.type,
          blob: c.encryptedBlob,
          key_hash: c.keyHash,
          extra: JSON.stringify(c.extra),
        })
        .execute(),
    );
  }

  async updateCredential(id: string, patch: Partial<Omit<CredentialRecord, 'id'>>) {
    const row = defined({
      user_id: patch.userId,
      project_id: patch.projectId,
      type: patch.type,
      blob: patch.encryptedBlob,
      key_hash: patch.keyHash,
      extra: patch.extra === undefined ? undefined : JSON.stringify(patch.extra),
    });
    if (Object.keys(row).length > 0) await this.db.updateTable('credential').set(row).where('id', '=', id).execute();
  }

  async deleteCredential(id: string) {
    await this.db.deleteFrom('credential').where('id', '=', id).execute();
  }

  async deleteForUser(userId: string) {
    await this.db.deleteFrom('credential').where('user_id', '=', userId).execute();
  }

  async deleteForProject(projectId: string) {
    await this.db.deleteFrom('credential').where('project_id', '=', projectId).execute();
  }
}
