import { renderCloudsYaml, renderOpenrc, type CredentialFileOptions, type TokenData } from '@xloud/sdk/browser';

/**
 * The console's downloads (OpenRC, clouds.yaml) for the signed-in user. The files themselves are rendered by the
 * SDK's shared generators — the same code as `xloud openrc` / `xloud clouds-yaml` — so quoting and layout live in
 * one place; this module only decides what goes in them.
 */

export interface IdentityEndpoint {
  authUrl: string;
  regionName?: string;
}

/**
 * The public Identity URL from the token's catalog (what the CLI will talk to), with its region. Without one (a
 * token with no catalog, or no public identity endpoint) the page's own origin serves /v3 too.
 */
export function identityEndpoint(token: TokenData, origin: string = location.origin): IdentityEndpoint {
  const endpoints = (token.catalog ?? []).filter((s) => s.type === 'identity').flatMap((s) => s.endpoints);
  const endpoint = endpoints.find((e) => e.interface === 'public');
  if (!endpoint) return { authUrl: `${origin}/v3` };
  const regionName = endpoint.region_id ?? endpoint.region ?? undefined;
  return { authUrl: endpoint.url.replace(/\/+$/, ''), ...(regionName ? { regionName } : {}) };
}

/**
 * A name safe for a file name and a clouds.yaml cloud name: letters, digits, `.`, `_`, `-`; anything else becomes
 * `-`. A name with nothing usable left (emoji, RTL script, `$(…)`) falls back to `fallback`.
 */
function slug(name: string, fallback = 'xloud'): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 64);
  return cleaned || fallback;
}

export interface CredentialFile {
  filename: string;
  content: string;
}

/** Password files for the token's user and scope: the OpenRC asks for the password, clouds.yaml leaves it out. */
export function passwordFileOptions(token: TokenData, endpoint: IdentityEndpoint): CredentialFileOptions {
  const options: CredentialFileOptions = {
    kind: 'password',
    cloudName: slug(token.project?.name ?? token.domain?.name ?? token.user.name),
    authUrl: endpoint.authUrl,
    regionName: endpoint.regionName,
    interface: 'public',
    username: token.user.name,
    userDomainId: token.user.domain.id,
  };
  if (token.project) {
    options.projectId = token.project.id;
    options.projectName = token.project.name;
    options.projectDomainId = token.project.domain.id;
  } else if (token.domain) {
    options.domainId = token.domain.id;
    options.domainName = token.domain.name;
  }
  return options;
}

/**
 * Application credential files. The secret is only passed on the one-time panel right after creation; elsewhere
 * the OpenRC asks for it and clouds.yaml points to secure.yaml.
 */
export function appCredFileOptions(
  credential: { id: string; name: string; secret?: string },
  endpoint: IdentityEndpoint,
): CredentialFileOptions {
  return {
    kind: 'application_credential',
    cloudName: slug(credential.name),
    authUrl: endpoint.authUrl,
    regionName: endpoint.regionName,
    interface: 'public',
    applicationCredentialId: credential.id,
    ...(credential.secret ? { applicationCredentialSecret: credential.secret } : {}),
  };
}

export function openrcFile(options: CredentialFileOptions, baseName: string): CredentialFile {
  return { filename: `${slug(baseName)}-openrc.sh`, content: renderOpenrc(options) };
}

export function cloudsYamlFile(options: CredentialFileOptions, baseName: string): CredentialFile {
  return { filename: `${slug(baseName)}-clouds.yaml`, content: renderCloudsYaml(options) };
}
