import { toKeystoneResourceTime } from '../../clock.ts';
import type { CatalogEntry } from '../../services/catalog/catalog-service.ts';
import type { TokenModel } from '../../services/auth/token-model.ts';
import { formatKeystoneTime } from '../../token/keystone-time.ts';

/** Keystone's token response body (keystone/common/render_token.py). */
export function renderTokenBody(t: TokenModel, catalog: CatalogEntry[] | undefined): Record<string, unknown> {
  const token: Record<string, unknown> = {
    methods: t.methods,
    user: {
      domain: { id: t.userDomain.id, name: t.userDomain.name },
      id: t.user.id,
      name: t.user.name,
      password_expires_at: toKeystoneResourceTime(t.user.passwordExpiresAt),
    },
    audit_ids: t.auditIds,
    expires_at: formatKeystoneTime(t.expiresAt),
    issued_at: formatKeystoneTime(t.issuedAt),
  };
  if (t.project && t.projectDomain) {
    token.project = {
      domain: { id: t.projectDomain.id, name: t.projectDomain.name },
      id: t.project.id,
      name: t.project.name,
    };
    token.is_domain = false;
  } else if (t.domain) {
    token.domain = { id: t.domain.id, name: t.domain.name };
  } else if (t.system) {
    token.system = { all: true };
  }
  if (t.trust) {
    token['OS-TRUST:trust'] = {
      id: t.trust.id,
      impersonation: t.trust.impersonation,
      trustee_user: { id: t.trust.trusteeUserId },
      trustor_user: { id: t.trust.trustorUserId },
    };
  }
  if (t.project || t.domain || t.system) {
    token.roles = t.roles.map((r) => ({ id: r.id, name: r.name }));
    // After roles, as Keystone's render_token adds it; absent unless [resource] admin_project_* are set.
    if (t.isAdminProject !== undefined) token.is_admin_project = t.isAdminProject;
    if (catalog) token.catalog = catalog;
  }
  if (t.oauth1) {
    token['OS-OAUTH1'] = { access_token_id: t.oauth1.accessTokenId, consumer_id: t.oauth1.consumerId };
  }
  if (t.applicationCredential) {
    token.application_credential = {
      id: t.applicationCredential.id,
      name: t.applicationCredential.name,
      restricted: !t.applicationCredential.unrestricted,
    };
    if (t.applicationCredential.accessRules.length > 0) {
      (token.application_credential as Record<string, unknown>).access_rules = t.applicationCredential.accessRules;
    }
  }
  return { token };
}
