/**
 * The SDK as a project outside this repository meets it: `npm pack` of the built package (what `npm publish` would
 * upload), installed by hand into a throwaway project's node_modules with its dependencies (no network), compiled by
 * a plain `tsc` (TypeScript's defaults plus `"module": "nodenext"`, no @types/node) and run by plain `node` against
 * a started server, reading its clouds.yaml. The dist/ it packs is built by the test run's global setup.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from './helpers.ts';

const run = promisify(execFile);
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');
/** The workspace packages a packed SDK may depend on: packed too, as the registry would serve them. */
const WORKSPACE: Record<string, string> = {
  '@xloud/sdk': 'packages/sdk',
  '@xloud/identity-schemas': 'packages/schemas',
};

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
}

/** `npm pack` of a workspace package, unpacked into `into` (npm's tarballs hold a `package/` directory). */
async function packInto(dir: string, into: string, scratch: string): Promise<void> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: join(REPO, dir) });
  const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
  mkdirSync(into, { recursive: true });
  await run('tar', ['xzf', join(scratch, filename), '-C', into, '--strip-components=1']);
}

/** Installs `name` and, recursively, its dependencies into `nodeModules`: workspace packages packed, others copied. */
async function install(name: string, nodeModules: string, scratch: string): Promise<void> {
  const target = join(nodeModules, name);
  if (existsSync(target)) return;
  if (WORKSPACE[name]) await packInto(WORKSPACE[name], target, scratch);
  else cpSync(join(REPO, 'node_modules', name), target, { recursive: true, dereference: true });
  const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as PackageJson;
  for (const dependency of Object.keys(pkg.dependencies ?? {})) await install(dependency, nodeModules, scratch);
}

/** Every .js file under `dir`. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
}

const CONSUMER = `
import { AccessInfo, ConfigError, connect, isXloudError, loadCloudConfig, SDK_VERSION } from '@xloud/sdk';
import type { CloudConfig, IdentityClient, Project, TokenData } from '@xloud/sdk';
import { connectBrowser, renderCloudsYaml } from '@xloud/sdk/browser';

const config: CloudConfig = loadCloudConfig({ cloud: 'demo' });
const identity: IdentityClient = connect({ cloud: 'demo' });
const projects: Project[] = [];
for await (const project of identity.projects.iterate()) projects.push(project);
const access: AccessInfo = await identity.session.getAccess();
const token: TokenData = access.data;
let missing = '';
try {
  loadCloudConfig({ cloud: 'nowhere' });
} catch (error) {
  if (error instanceof ConfigError && isXloudError(error)) missing = error.code;
}
const browser = connectBrowser({ baseUrl: 'https://console.example/dashboard/api/v3' });
const yaml: string = renderCloudsYaml({ kind: 'password', cloudName: 'x', authUrl: config.auth.auth_url ?? '', username: 'u' });
console.log(JSON.stringify({
  version: SDK_VERSION,
  insecure: config.insecure,
  timeout: config.api_timeout,
  projects: projects.map((p) => p.name),
  user: access.userName,
  project: access.projectName,
  roles: access.roleNames,
  expires: token.expires_at,
  missing,
  browser: typeof browser.users.list,
  yaml: yaml.includes('clouds:'),
}));
`;

describe('@xloud/sdk outside the monorepo', () => {
  let server: TestServer;
  let app: string;
  let scratch: string;

  beforeAll(async () => {
    server = await startServer();
    scratch = mkdtempSync(join(tmpdir(), 'xloud-sdk-pack-'));
    app = join(scratch, 'app');
    mkdirSync(app);
    await install('@xloud/sdk', join(app, 'node_modules'), scratch);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'sdk-consumer', private: true, type: 'module' }));
    // TypeScript's defaults, plus the module system of today's Node.js
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', outDir: 'out' }, files: ['main.ts'] }),
    );
    writeFileSync(join(app, 'main.ts'), CONSUMER);
    // verify: no and api_timeout: 1_0 read as PyYAML reads them (false, 10); the file is found in the working directory
    writeFileSync(
      join(app, 'clouds.yaml'),
      `clouds:\n  demo:\n    verify: no\n    api_timeout: 1_0\n    auth:\n      auth_url: ${server.baseUrl}/v3\n      username: admin\n` +
        `      password: "${server.adminPassword}"\n      project_name: admin\n      user_domain_name: Default\n      project_domain_name: Default\n`,
    );
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('the packed package holds dist/, no stale or test file, and declares its exports', () => {
    const root = join(app, 'node_modules/@xloud/sdk');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson & {
      private?: boolean;
      exports: Record<string, unknown>;
    };
    expect(pkg.private).toBeUndefined();
    expect(Object.keys(pkg.exports)).toEqual(expect.arrayContaining(['.', './browser', './middleware']));
    for (const entry of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/browser.js',
      'dist/browser.d.ts',
      'dist/middleware/index.js',
    ])
      expect(existsSync(join(root, entry)), entry).toBe(true);
    expect(existsSync(join(root, 'test'))).toBe(false);
    expect(existsSync(join(root, 'dist/.tsbuildinfo'))).toBe(false);
  });

  test('its JavaScript loads yaml (Node entry only) and never @xloud/identity-schemas (a dependency for types only)', () => {
    const dist = join(app, 'node_modules/@xloud/sdk/dist');
    // static and dynamic imports, comments (the JSDoc examples) left out
    const imports = (file: string) =>
      ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
    const packages = new Set(
      jsFiles(dist)
        .flatMap(imports)
        .filter((spec) => !spec.startsWith('.') && !spec.startsWith('node:')),
    );
    expect([...packages]).toEqual(['yaml']);
    const browserGraph = new Set<string>();
    const walk = (file: string) => {
      if (browserGraph.has(file)) return;
      browserGraph.add(file);
      for (const spec of imports(file)) {
        if (spec.startsWith('.')) walk(resolve(dirname(file), spec));
        else expect.fail(`${file}: the browser entry imports ${spec}`);
      }
    };
    walk(join(dist, 'browser.js'));
    expect(browserGraph.size).toBeGreaterThan(10);
  });

  test('a plain tsc compiles a project that uses its main types, and plain node runs it against a server', async () => {
    await run(process.execPath, [TSC, '-p', app], { cwd: app }).catch((error: { stdout?: string }) => {
      throw new Error(`tsc failed in the consumer project:\n${error.stdout}`);
    });
    const home = mkdtempSync(join(tmpdir(), 'xloud-sdk-home-'));
    const { stdout } = await run(process.execPath, ['out/main.js'], {
      cwd: app,
      env: { PATH: process.env.PATH, HOME: home },
    });
    expect(JSON.parse(stdout)).toEqual({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      insecure: true,
      timeout: 10,
      projects: expect.arrayContaining(['admin']),
      user: 'admin',
      project: 'admin',
      roles: expect.arrayContaining(['admin']),
      expires: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      missing: 'ERR_CONFIG',
      browser: 'function',
      yaml: true,
    });
  }, 180_000);
});
