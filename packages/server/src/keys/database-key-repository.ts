import type { Clock } from '../clock.ts';
import type { KeyEncryption } from '../crypto/key-encryption.ts';
import type { FernetKeySql } from '../storage/sql/fernet-key-sql.ts';
import { generateFernetKeyText, parseFernetKey } from '../token/providers/fernet/fernet-envelope.ts';
import {
  FernetKeysNotFoundError,
  type RepositoryKey,
  type RotationResult,
} from '../token/providers/fernet/key-repository.ts';
import type { FernetKeySource } from '../token/providers/fernet/key-source.ts';

interface Snapshot {
  keys: readonly RepositoryKey[];
  lastRotatedAt: Date;
}

/**
 * A key repository kept in the database (`key_repository = sql://`), shared by every node. Token and credential
 * code reads keys synchronously, so each node holds the decrypted keys in memory and reloads them when the
 * change feed or the change counter says something changed, and at least every refreshSeconds. A rotation
 * elsewhere is harmless in between: the new primary was the staged key 0, which every node already accepts.
 */
export class DatabaseKeyRepository implements FernetKeySource {
  private snapshot: Snapshot = { keys: [], lastRotatedAt: new Date(0) };
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly table: FernetKeySql,
    private readonly encryption: KeyEncryption,
    /** 'token' or 'credential'. */
    private readonly repository: string,
    private readonly clock: Clock,
  ) {}

  get description(): string {
    return `the database (${this.repository} keys)`;
  }

  keys(): readonly RepositoryKey[] {
    if (this.snapshot.keys.length === 0) {
      throw new FernetKeysNotFoundError(
        `No ${this.repository} keys in the database; run xloud-manage ${this.repository === 'token' ? 'fernet' : 'credential'} setup`,
      );
    }
    return this.snapshot.keys;
  }

  lastRotatedAt(): Date {
    return this.snapshot.lastRotatedAt;
  }

  /** Reloads the keys; calls that arrive while a reload runs share it. */
  refresh(): Promise<void> {
    this.refreshing ??= this.load().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** fernet_setup / credential_setup: a staged and a primary key, unless the repository has keys already. */
  async setup(): Promise<{ created: boolean }> {
    const now = this.clock.now().toISOString();
    const result = await this.table.setup(this.repository, this.sealNewKey(), this.sealNewKey(), now);
    await this.refresh();
    return result;
  }

  async rotate(maxActiveKeys: number): Promise<RotationResult> {
    const result = await this.table.rotate(
      this.repository,
      maxActiveKeys,
      this.sealNewKey(),
      this.clock.now().toISOString(),
    );
    await this.refresh();
    return result;
  }

  private sealNewKey(): string {
    return this.encryption.seal(generateFernetKeyText(), this.repository);
  }

  private async load(): Promise<void> {
    const rows = await this.table.list(this.repository);
    // Rows come highest index first: the primary, then older keys, then the staged 0 (MultiFernet order).
    const keys = rows.map((row) => ({
      index: row.index,
      ...parseFernetKey(this.encryption.open(row.sealedKey, this.repository)),
    }));
    const staged = rows.find((row) => row.index === 0);
    this.snapshot = { keys, lastRotatedAt: staged ? new Date(staged.createdAt) : new Date(0) };
  }
}
