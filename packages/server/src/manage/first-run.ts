import type { Container } from '../container.ts';
import { generatePassword } from '../crypto/random-secret.ts';
import { CREDENTIAL_MAX_ACTIVE_KEYS } from '../services/credential/fernet-credential-provider.ts';
import { setupFernetKeys } from '../token/providers/fernet/key-repository.ts';
import type { XloudConfig } from '../conf/index.ts';
import { bootstrap } from './bootstrap.ts';

/** Key repositories for a quick start (tokens; credentials too): created on first run, reused after. Reports the token one. */
export function ensureFernetKeys(conf: XloudConfig): boolean {
  setupFernetKeys(conf.credential.key_repository, { maxActiveKeys: CREDENTIAL_MAX_ACTIVE_KEYS });
  return setupFernetKeys(conf.fernet_tokens.key_repository, { maxActiveKeys: conf.fernet_tokens.max_active_keys }).created;
}

/**
 * The quick start's bootstrap: on the first run the admin password comes from XLOUD_ADMIN_PASSWORD or is generated
 * and returned so the caller prints it once; later runs keep the password unless XLOUD_ADMIN_PASSWORD is given.
 */
export async function quickStartBootstrap(container: Container, publicV3Url: string, env: Record<string, string | undefined>) {
  const s = container.services;
  const exists = await s.identity.findUserByName(container.conf.identity.default_domain_id, 'admin').catch(() => undefined);
  const given = env.XLOUD_ADMIN_PASSWORD;
  const generated = !exists && !given ? generatePassword() : undefined;
  const result = await bootstrap(container, {
    password: given ?? generated,
    regionId: 'RegionOne',
    publicUrl: publicV3Url,
  });
  return { ...result, generatedPassword: generated };
}
