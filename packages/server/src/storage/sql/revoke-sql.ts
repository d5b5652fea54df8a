import type { Kysely, Selectable } from 'kysely';
import type { RevocationEventRecord, RevokeDriver } from '../../services/revoke/revoke-driver.ts';
import type { Database, RevocationEventTable } from '../tables.ts';

const toRecord = (row: Selectable<RevocationEventTable>): RevocationEventRecord => ({
  id: Number(row.id),
  domainId: row.domain_id,
  projectId: row.project_id,
  userId: row.user_id,
  roleId: row.role_id,
  trustId: row.trust_id,
  consumerId: row.consumer_id,
  accessTokenId: row.access_token_id,
  issuedBefore: row.issued_before,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  auditId: row.audit_id,
  auditChainId: row.audit_chain_id,
});

export class RevokeSql implements RevokeDriver {
  constructor(private readonly db: Kysely<Database>) {}

  async add(e: RevocationEventRecord) {
    await this.db
      .insertInto('revocation_event')
      .values({
        domain_id: e.domainId,
        project_id: e.projectId,
        user_id: e.userId,
        role_id: e.roleId,
        trust_id: e.trustId,
        consumer_id: e.consumerId,
        access_token_id: e.accessTokenId,
        issued_before: e.issuedBefore,
        expires_at: e.expiresAt,
        revoked_at: e.revokedAt,
        audit_id: e.auditId,
        audit_chain_id: e.auditChainId,
      })
      .execute();
  }

  async list(since?: string) {
    let query = this.db.selectFrom('revocation_event').selectAll();
    if (since !== undefined) query = query.where('revoked_at', '>=', since);
    return (await query.orderBy('id').execute()).map(toRecord);
  }

  async candidates(token: {
    issuedAt: string;
    userIds: string[];
    projectId?: string;
    auditIds: string[];
    trustId?: string;
  }) {
    const trustId = token.trustId;
    const rows = await this.db
      .selectFrom('revocation_event')
      .selectAll()
      .where('issued_before', '>=', token.issuedAt)
      .where((eb) =>
        eb.or([
          eb('user_id', 'is', null),
          eb('user_id', 'in', token.userIds),
          // A trust's trustor and trustee, read in the same statement (a trust's users never change).
          ...(trustId === undefined
            ? []
            : [
                eb('user_id', 'in', eb.selectFrom('trust').select('trustor_user_id').where('id', '=', trustId)),
                eb('user_id', 'in', eb.selectFrom('trust').select('trustee_user_id').where('id', '=', trustId)),
              ]),
        ]),
      )
      .where((eb) =>
        token.projectId
          ? eb.or([eb('project_id', 'is', null), eb('project_id', '=', token.projectId)])
          : eb('project_id', 'is', null),
      )
      .where((eb) => eb.or([eb('audit_id', 'is', null), eb('audit_id', 'in', token.auditIds)]))
      .execute();
    return rows.map(toRecord);
  }

  async count() {
    const row = await this.db
      .selectFrom('revocation_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async pruneRevokedBefore(cutoff: string) {
    await this.db.deleteFrom('revocation_event').where('revoked_at', '<', cutoff).execute();
  }
}
