import type { Container } from '../container.ts';
import { generatePassword } from '../crypto/random-secret.ts';
import { CREDENTIAL_MAX_ACTIVE_KEYS } from '../services/credential/fernet-credential-provider.ts';
import { setupFernetKeys } from '../token/providers/fernet/key-repository.ts';
import { isDatabaseKeyRepository } from '../token/providers/fernet/key-source.ts';
import type { XloudConfig } from '../conf/index.ts';
import { bootstrap } from './bootstrap.ts';

/**
 * Key directories for a quick start (tokens; credentials too): created on first run, reused after. Reports the token
 * one. `sql://` repositories are set up by the server itself, in the database, when it starts.
 */
export function ensureFernetKeys(conf: XloudConfig): boolean {
  if (!isDatabaseKeyRepository(conf.credential.key_repository)) {
    setupFernetKeys(conf.credential.key_repository, { maxActiveKeys: CREDENTIAL_MAX_ACTIVE_KEYS });
  }
  if (!isDatabaseKeyRepository(conf.fernet_receipts.key_repository)) {
    setupFernetKeys(conf.fernet_receipts.key_repository, { maxActiveKeys: conf.fernet_receipts.max_active_keys });
  }
  if (isDatabaseKeyRepository(conf.fernet_tokens.key_repository)) return false;
  return setupFernetKeys(conf.fernet_tokens.key_repository, { maxActiveKeys: conf.fernet_tokens.max_active_keys })
    .created;
}

/**
 * The quick start's bootstrap. It never creates or changes an administrator behind the operator's back: only an
 * empty database (no user at all) is bootstrapped, with the password from XLOUD_ADMIN_PASSWORD or a generated one
 * returned so the caller prints it once. On later runs nothing is touched, and a given XLOUD_ADMIN_PASSWORD is
 * reported as ignored (a reset is an explicit `xloud-manage bootstrap --bootstrap-password ...`); a cloud
 * bootstrapped with another admin name therefore never gets a second `admin`.
 */
export async function quickStartBootstrap(
  container: Container,
  publicV3Url: string,
  env: Record<string, string | undefined>,
) {
  const anyUser = await container.database.db.selectFrom('identity_user').select('id').limit(1).executeTakeFirst();
  const given = env.XLOUD_ADMIN_PASSWORD;
  if (anyUser)
    return {
      bootstrapped: false,
      generatedPassword: undefined,
      ignoredAdminPassword: given !== undefined && given !== '',
    };
  const generated = !given ? generatePassword() : undefined;
  const result = await bootstrap(container, {
    password: given || generated,
    regionId: 'RegionOne',
    publicUrl: publicV3Url,
  });
  return { ...result, bootstrapped: true, generatedPassword: generated, ignoredAdminPassword: false };
}
