/**
 * Storage port for domain-specific configuration (`/v3/domains/{domain_id}/config`). Options are stored one row
 * each, as Keystone's whitelisted_config and sensitive_config tables do; sensitive rows are never shown.
 */
export interface DomainConfigOption {
  group: string;
  option: string;
  /** Any JSON value; Keystone does not type-check options. */
  value: unknown;
  /** Sensitive options (the LDAP password) are stored but never returned by the API. */
  sensitive: boolean;
}

export interface DomainConfigFilter {
  group?: string;
  option?: string;
  sensitive?: boolean;
}

export interface DomainConfigDriver {
  /** Ordered by group, then option. */
  listOptions(domainId: string, filter?: DomainConfigFilter): Promise<DomainConfigOption[]>;
  /** Creates or overwrites each option; other options are left alone. */
  upsertOptions(domainId: string, options: DomainConfigOption[]): Promise<void>;
  /** Deletes the domain's options, or one group's, or one option. */
  deleteOptions(domainId: string, filter?: { group?: string; option?: string }): Promise<void>;
}
