/**
 * `xloud configure`: writes a cloud entry to clouds.yaml (interactively or from flags) and its secrets to
 * secure.yaml with mode 0600, next to it — so clouds.yaml can be shared and secure.yaml cannot be read by others.
 * The default directory is openstacksdk's own (`~/.config/openstack`), so the `openstack` command and every
 * openstacksdk-based tool read the same cloud; `xloud` reads it together with `~/.config/xloud` (see the SDK's
 * `findConfigFiles`).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Document } from 'yaml';
import { CommandError, type CommandSpec } from '../command.ts';
import type { Context } from '../context.ts';
import { ask, askSecret } from '../prompt.ts';
import { sdk } from '../sdk.ts';

const SECRET_KEYS = ['password', 'application_credential_secret', 'token'];

/** Where `configure` writes: `--config-dir`, else `$XDG_CONFIG_HOME/openstack`, else `~/.config/openstack`. */
function configDir(ctx: Context, explicit?: string): string {
  if (explicit) return resolve(ctx.io.cwd ?? process.cwd(), explicit);
  const home = ctx.io.homeDir ?? ctx.env.HOME ?? homedir();
  return join(ctx.env.XDG_CONFIG_HOME || join(home, '.config'), 'openstack');
}

/** The file `xloud` would take cloud `name` from, when it is not `written` (a higher-precedence file defines it too). */
function shadowedBy(ctx: Context, name: string, written: string): string | undefined {
  try {
    const found = sdk().loadCloudConfig({
      cloud: name,
      env: { ...ctx.env, OS_CLIENT_CONFIG_FILE: undefined },
      cwd: ctx.io.cwd,
      homeDir: ctx.io.homeDir,
      validate: false,
    });
    return found.config_file && resolve(found.config_file) !== resolve(written) ? found.config_file : undefined;
  } catch {
    return undefined;
  }
}

/** clouds.yaml/secure.yaml as a YAML document (comments and other clouds kept); `yaml` is loaded only here. */
async function loadDoc(path: string): Promise<Document> {
  const { Document, isMap, parseDocument } = await import('yaml');
  if (!existsSync(path)) return new Document({ clouds: {} });
  const text = readFileSync(path, 'utf8');
  const doc = parseDocument(text.trim() ? text : 'clouds: {}\n', { version: '1.1' });
  if (doc.errors.length) {
    const err = doc.errors[0];
    const where = err.linePos?.[0] ? ` (line ${err.linePos[0].line}, column ${err.linePos[0].col})` : '';
    throw new CommandError(`Cannot update ${path}: it is not valid YAML${where}: ${err.message.split('\n')[0]}`);
  }
  if (!isMap(doc.contents))
    throw new CommandError(`Cannot update ${path}: expected a mapping with a 'clouds' key at the top.`);
  if (!doc.has('clouds') || doc.get('clouds') === null) doc.set('clouds', doc.createNode({}));
  const clouds = doc.get('clouds');
  if (!isMap(clouds)) throw new CommandError(`Cannot update ${path}: 'clouds' must be a mapping of cloud names.`);
  clouds.flow = false;
  return doc;
}

function writePrivate(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

interface Answers {
  [key: string]: string | undefined;
}

const FIELDS: {
  key: string;
  flag: string;
  question: string;
  secret?: boolean;
  fallback?: string;
  optional?: boolean;
  types: string[];
}[] = [
  {
    key: 'auth_url',
    flag: 'authUrl',
    question: 'Identity endpoint (auth URL)',
    types: ['password', 'v3applicationcredential'],
  },
  { key: 'username', flag: 'username', question: 'Username', types: ['password'] },
  { key: 'password', flag: 'password', question: 'Password', secret: true, types: ['password'] },
  { key: 'project_name', flag: 'projectName', question: 'Project name', types: ['password'] },
  {
    key: 'user_domain_name',
    flag: 'userDomainName',
    question: 'User domain name',
    fallback: 'Default',
    types: ['password'],
  },
  {
    key: 'project_domain_name',
    flag: 'projectDomainName',
    question: 'Project domain name',
    fallback: 'Default',
    types: ['password'],
  },
  {
    key: 'application_credential_id',
    flag: 'applicationCredentialId',
    question: 'Application credential ID',
    types: ['v3applicationcredential'],
  },
  {
    key: 'application_credential_secret',
    flag: 'applicationCredentialSecret',
    question: 'Application credential secret',
    secret: true,
    types: ['v3applicationcredential'],
  },
  {
    key: 'region_name',
    flag: 'regionName',
    question: 'Region name (optional)',
    optional: true,
    types: ['password', 'v3applicationcredential'],
  },
];

export const configureCommands: CommandSpec[] = [
  {
    path: ['configure'],
    kind: 'plain',
    description: 'Write a cloud entry to clouds.yaml (secrets to secure.yaml, mode 0600), interactively or from flags',
    options: [
      { flags: '--cloud <name>', description: 'Name of the cloud entry (default: xloud)' },
      {
        flags: '--auth-type <auth-type>',
        description: 'password or v3applicationcredential',
        choices: ['password', 'v3applicationcredential'],
      },
      { flags: '--auth-url <auth-url>', description: 'Identity endpoint, e.g. https://api.example.com/identity/v3' },
      { flags: '--username <username>', description: 'Username' },
      { flags: '--password <password>', description: 'Password (stored in secure.yaml)' },
      { flags: '--project-name <project-name>', description: 'Project to scope to' },
      { flags: '--project-id <project-id>', description: 'Project ID to scope to (instead of a name)' },
      { flags: '--user-domain-name <name>', description: 'User domain name (default: Default)' },
      { flags: '--project-domain-name <name>', description: 'Project domain name (default: Default)' },
      { flags: '--application-credential-id <id>', description: 'Application credential ID' },
      {
        flags: '--application-credential-secret <secret>',
        description: 'Application credential secret (stored in secure.yaml)',
      },
      { flags: '--region-name <region>', description: 'Region name' },
      {
        flags: '--interface <interface>',
        description: 'Endpoint interface (default: public)',
        choices: ['public', 'internal', 'admin'],
      },
      {
        flags: '--config-dir <dir>',
        description:
          'Directory for clouds.yaml and secure.yaml (default: ~/.config/openstack, read by the openstack command too)',
      },
      { flags: '--non-interactive', description: 'Never prompt; fail if a required value is missing' },
    ],
    async run(ctx, o) {
      const interactive = !o.nonInteractive;
      const name: string = o.cloud ?? (interactive ? await ask(ctx.io, 'Cloud name', 'xloud') : 'xloud') ?? 'xloud';
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name))
        throw new CommandError(`Invalid cloud name '${name}': use letters, digits, '.', '_' and '-'.`);
      let authType: string | undefined = o.authType;
      if (!authType)
        authType =
          o.applicationCredentialId || o.applicationCredentialSecret
            ? 'v3applicationcredential'
            : o.username || o.password
              ? 'password'
              : undefined;
      if (!authType)
        authType = interactive
          ? await ask(ctx.io, 'Authentication type (password, v3applicationcredential)', 'password')
          : 'password';
      if (authType !== 'password' && authType !== 'v3applicationcredential')
        throw new CommandError(
          `Unsupported authentication type '${authType}': use password or v3applicationcredential.`,
        );

      const answers: Answers = {};
      const missing: string[] = [];
      for (const f of FIELDS) {
        if (!f.types.includes(authType)) continue;
        if (f.key === 'project_name' && o.projectId) continue;
        let v: string | undefined = o[f.flag];
        if (v === undefined && interactive)
          v = f.secret ? await askSecret(ctx.io, f.question) : await ask(ctx.io, f.question, f.fallback);
        if (v === undefined) v = f.fallback;
        if ((v === undefined || v === '') && !f.optional) missing.push(`--${f.key.replace(/_/g, '-')}`);
        if (v) answers[f.key] = v;
      }
      if (o.projectId) answers.project_id = o.projectId;
      if (missing.length)
        throw new CommandError(
          `Missing value${missing.length > 1 ? 's' : ''} for ${missing.join(', ')}: pass ${missing.length > 1 ? 'them' : 'it'} as flags or run 'xloud configure' interactively.`,
        );

      const dir = configDir(ctx, o.configDir);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const cloudsPath = join(dir, 'clouds.yaml');
      const securePath = join(dir, 'secure.yaml');
      const clouds = await loadDoc(cloudsPath);
      const secure = await loadDoc(securePath);

      const entry: Record<string, unknown> = { auth: {} as Record<string, string> };
      const secrets: Record<string, string> = {};
      for (const [k, v] of Object.entries(answers)) {
        if (k === 'region_name' || !v) continue;
        if (SECRET_KEYS.includes(k)) secrets[k] = v;
        else (entry.auth as Record<string, string>)[k] = v;
      }
      if (authType === 'v3applicationcredential') entry.auth_type = 'v3applicationcredential';
      if (answers.region_name) entry.region_name = answers.region_name;
      entry.interface = o.interface ?? 'public';
      entry.identity_api_version = 3;
      clouds.setIn(['clouds', name], clouds.createNode(entry));
      if (Object.keys(secrets).length) secure.setIn(['clouds', name], secure.createNode({ auth: secrets }));
      else if (secure.hasIn(['clouds', name])) secure.deleteIn(['clouds', name]);

      mkdirSync(dirname(cloudsPath), { recursive: true });
      writeFileSync(cloudsPath, clouds.toString({ indentSeq: false }), { mode: 0o644 });
      writePrivate(securePath, secure.toString({ indentSeq: false }));
      ctx.info(`Cloud '${name}' written to ${cloudsPath} (secrets in ${securePath}, mode 0600).`);
      const shadow = shadowedBy(ctx, name, cloudsPath);
      if (shadow)
        ctx.warn(
          `Warning: ${shadow} also defines cloud '${name}' and takes precedence over ${cloudsPath}: remove it there, or choose another name.`,
        );
      ctx.info(`Use it with: xloud --os-cloud ${name} token issue   (or export OS_CLOUD=${name})`);
    },
  },
];
