import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));

describe('generated docs (scripts/generate-docs.ts)', () => {
  it('the committed docs/*.sample match what the code renders (`npm run docs` regenerates them)', () => {
    // As `npm run docs:check` runs it: the workspace packages from their sources, so no build is needed.
    const check = spawnSync(
      process.execPath,
      ['--conditions=xloud-source', '--import', 'tsx', 'scripts/generate-docs.ts', '--check'],
      {
        cwd: REPOSITORY,
        encoding: 'utf8',
      },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
