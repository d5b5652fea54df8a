import { ForbiddenError, NotFoundError } from '../../errors.ts';
import type { ServiceContext } from '../service-context.ts';
import type { DomainConfigOption } from './domain-config-driver.ts';
import {
  isSensitive,
  isSupportedGroup,
  isWhitelisted,
  LDAP_DEFAULTS,
  WHITELISTED_OPTIONS,
} from './domain-config-options.ts';

/** `{group: {option: value}}`, as the API shows a configuration. */
export type DomainConfig = Record<string, Record<string, unknown>>;

/** What this server reports as the defaults a domain configuration overrides. */
export interface DomainConfigDefaults {
  /** `[identity] list_limit`, or null. The identity driver is always `sql` here. */
  identityListLimit: number | null;
  /** `[security_compliance]`: the two options any token may read for the default domain. */
  passwordRegex: string | null;
  passwordRegexDescription: string | null;
}

/** Keystone's InvalidDomainConfig, a 403. The reason is Keystone's sentence; the format adds a final period. */
const invalid = (reason: string) => new ForbiddenError(`Invalid domain specific configuration: ${reason}.`);

/** Keystone's DomainConfigNotFound. */
const notFound = (domainId: string, what: string) =>
  new NotFoundError(`Could not find ${what} in domain configuration for domain ${domainId}.`);

const describe = (group?: string, option?: string) =>
  option ? `option ${option} in group ${group}` : group ? `group ${group}` : 'any options';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Domain-specific configuration (Keystone's DomainConfigManager): per-domain overrides of the [identity] and [ldap]
 * options. Here it is data only: stored, validated and served as Keystone does, but no domain is switched to an
 * LDAP backend by it (this server has none).
 */
export class DomainConfigService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly defaults: DomainConfigDefaults,
  ) {}

  /** PUT: replaces the whole configuration. `created` is false when the domain already had one (Keystone's 200). */
  async create(domainId: string, config: Record<string, unknown>): Promise<{ created: boolean; config: DomainConfig }> {
    const options = this.validConfig(config);
    const created = await this.ctx.store.transaction(async (store) => {
      const existed = (await store.domainConfig.listOptions(domainId)).length > 0;
      await store.domainConfig.deleteOptions(domainId);
      await store.domainConfig.upsertOptions(domainId, options);
      return !existed;
    });
    return { created, config: toConfig(await this.ctx.store.domainConfig.listOptions(domainId, { sensitive: false })) };
  }

  /** The whole configuration, one group of it, or one option (then `{option: value}`); sensitive options never. */
  async get(domainId: string, group?: string, option?: string): Promise<Record<string, unknown>> {
    assertValidGroupAndOption(group, option);
    const found = await this.ctx.store.domainConfig.listOptions(domainId, { group, option, sensitive: false });
    if (found.length === 0) throw notFound(domainId, describe(group, option));
    return option ? { [option]: found[0]!.value } : toConfig(found);
  }

  /**
   * PATCH: merges options into the configuration. With a group (and option) in the URL the body must hold exactly
   * that group (option), which must already be set; `config` is then `{option: value}` when an option is named.
   */
  async update(
    domainId: string,
    config: Record<string, unknown>,
    group?: string,
    option?: string,
  ): Promise<DomainConfig> {
    const update = group !== undefined && option !== undefined ? { [group]: config } : config;
    const options = this.validConfig(update);
    assertValidGroupAndOption(group, option);
    if (group !== undefined) {
      const groups = Object.keys(update);
      const inGroup = isObject(update[group]) ? Object.keys(update[group]) : [];
      if (groups.length !== 1 || (option !== undefined && inGroup.length !== 1)) {
        throw invalid(
          option !== undefined
            ? `Trying to update option ${option} in group ${group}, so that, and only that, option must be specified  in the config`
            : `Trying to update group ${group}, so that, and only that, group must be specified in the config`,
        );
      }
      if (!Object.hasOwn(update, group))
        throw invalid(`request to update group ${group}, but config provided contains group ${groups[0]} instead`);
      if (option !== undefined && !inGroup.includes(option)) {
        throw invalid(
          `Trying to update option ${option} in group ${group}, but config provided contains option ${inGroup[0]} instead`,
        );
      }
      // An update changes what exists; a group or option not yet set is not found (sensitive ones count).
      if ((await this.ctx.store.domainConfig.listOptions(domainId, { group, option })).length === 0)
        throw notFound(domainId, describe(group, option));
    }
    await this.ctx.store.transaction((store) => store.domainConfig.upsertOptions(domainId, options));
    return this.get(domainId) as Promise<DomainConfig>;
  }

  /** Deletes the configuration, a group or an option; a named group or option must be set (sensitive ones count). */
  async delete(domainId: string, group?: string, option?: string): Promise<void> {
    assertValidGroupAndOption(group, option);
    if (group !== undefined) {
      const current = await this.ctx.store.domainConfig.listOptions(domainId, { group });
      if (current.length === 0) throw notFound(domainId, describe(group));
      if (option !== undefined && !current.some((o) => o.option === option))
        throw notFound(domainId, describe(group, option));
    }
    await this.ctx.store.domainConfig.deleteOptions(domainId, { group, option });
  }

  /** `GET /v3/domains/config[/{group}[/{option}]]/default`: what a domain configuration would override. */
  getDefault(group?: string, option?: string): Record<string, unknown> {
    assertValidGroupAndOption(group, option);
    if (group !== undefined && option !== undefined) {
      if (!isWhitelisted(group, option))
        throw invalid(`Reading the default for option ${option} in group ${group} is not supported`);
      return { [option]: this.defaultValue(group, option) };
    }
    const groups = group !== undefined ? [group] : Object.keys(WHITELISTED_OPTIONS);
    const config: DomainConfig = {};
    for (const g of groups) {
      const options = WHITELISTED_OPTIONS[g] ?? [];
      // A group with no readable option (none today) is left out, as Keystone's list-to-dict does.
      if (options.length > 0) config[g] = Object.fromEntries(options.map((o) => [o, this.defaultValue(g, o)]));
    }
    return config;
  }

  /**
   * The password rules any token may read (Keystone's get_security_compliance_config), so clients can explain
   * them before a password change. Only for the default domain: the rules are global.
   */
  getSecurityCompliance(domainId: string, option?: string): Record<string, unknown> {
    if (domainId !== this.ctx.defaultDomainId) {
      throw invalid(
        'Reading security compliance information for any domain other than the default domain is not allowed or supported.',
      );
    }
    const readable: Record<string, unknown> = {
      password_regex: this.defaults.passwordRegex,
      password_regex_description: this.defaults.passwordRegexDescription,
    };
    if (option !== undefined) {
      if (!Object.hasOwn(readable, option)) {
        throw invalid(
          'Reading security compliance values other than password_regex and password_regex_description is not allowed.',
        );
      }
      return { [option]: readable[option] };
    }
    return { security_compliance: readable };
  }

  private defaultValue(group: string, option: string): unknown {
    if (group === 'identity') return option === 'driver' ? 'sql' : this.defaults.identityListLimit;
    return LDAP_DEFAULTS[option] ?? null;
  }

  /** Keystone's _assert_valid_config, then the rows to store. */
  private validConfig(config: Record<string, unknown>): DomainConfigOption[] {
    if (Object.keys(config).length === 0) throw invalid('No options specified');
    const options: DomainConfigOption[] = [];
    for (const [group, values] of Object.entries(config)) {
      if (!isObject(values) || Object.keys(values).length === 0) {
        throw invalid(`The value of group ${group} specified in the config should be a dictionary of options`);
      }
      for (const [option, value] of Object.entries(values)) {
        assertValidGroupAndOption(group, option);
        options.push({ group, option, value, sensitive: isSensitive(group, option) });
      }
    }
    return options;
  }
}

/** Keystone's _assert_valid_group_and_option: the group, and the option within it, must be supported. */
function assertValidGroupAndOption(group?: string, option?: string): void {
  if (group === undefined) return;
  if (!isSupportedGroup(group)) throw invalid(`Group ${group} is not supported for domain specific configurations`);
  if (option !== undefined && !isWhitelisted(group, option) && !isSensitive(group, option)) {
    throw invalid(`Option ${option} in group ${group} is not supported for domain specific configurations`);
  }
}

function toConfig(options: DomainConfigOption[]): DomainConfig {
  const config: DomainConfig = {};
  for (const o of options) {
    config[o.group] ??= {};
    config[o.group][o.option] = o.value;
  }
  return config;
}
