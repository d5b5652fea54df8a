/**
 * Shell completion: the scripts `xloud complete --shell bash|fish` print are run by the real shells (Debian `bash`,
 * `fish`), and every command of the declaration table completes in both, word by word, with the same candidates.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allCommands } from '../src/commands/index.ts';
import { ok, tempDir, xloud } from './helpers/cli.ts';

const dir = tempDir();

/** Every command line prefix worth completing: each command word, and the last word's options. */
function probes(): string[] {
  const lines = new Set<string>(['xloud ', 'xloud --os-cl']);
  for (const spec of allCommands()) {
    for (const [i, word] of spec.path.entries())
      lines.add(`xloud ${spec.path.slice(0, i).join(' ')}${i ? ' ' : ''}${word.slice(0, 2)}`);
    lines.add(`xloud ${spec.path.join(' ')} --`);
  }
  return [...lines];
}

/** Candidates per command line from bash (COMP_WORDS as bash would split the line). */
function bashCompletions(lines: string[]): string[][] {
  const script = lines
    .map((line) => {
      const words = line.split(' ');
      return `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _xloud; echo "\${COMPREPLY[*]}"`;
    })
    .join('\n');
  const out = execFileSync('bash', ['-c', `. ./xloud.bash\n${script}`], {
    cwd: dir,
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .slice(0, lines.length)
    .map((l) => l.split(' ').filter(Boolean).sort());
}

/** Candidates per command line from fish's own `complete -C`. */
function fishCompletions(lines: string[]): string[][] {
  const script = lines.map((line) => `complete -C ${JSON.stringify(line)}; echo ---`).join('\n');
  const out = execFileSync('fish', ['-c', `source ./xloud.fish\n${script}`], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir },
  });
  return out
    .split('---\n')
    .slice(0, lines.length)
    .map((block) => block.split('\n').filter(Boolean).sort());
}

describe('shell completion', () => {
  beforeAll(async () => {
    writeFileSync(join(dir, 'xloud.bash'), await ok(['complete', '--shell', 'bash']));
    writeFileSync(join(dir, 'xloud.fish'), await ok(['complete', '--shell', 'fish']));
  });

  it('the fish script parses (fish -n) and completes command words, options and cloud names', () => {
    execFileSync('fish', ['-n', join(dir, 'xloud.fish')]);
    const [proj, assignment, role, osCloud, group, trust] = fishCompletions([
      'xloud proj',
      'xloud role assignment ',
      'xloud application credential create --ro',
      'xloud --os-cl',
      'xloud endpoint group ',
      'xloud --os-cloud mycloud trust create --',
    ]);
    expect(proj).toEqual(['project']);
    expect(assignment).toEqual(['list']);
    expect(role).toEqual(['--role']);
    expect(osCloud).toEqual(['--os-cloud']);
    expect(group).toEqual(['add', 'create', 'delete', 'list', 'remove', 'set', 'show']);
    expect(trust).toContain('--impersonate');
    expect(trust).toContain('--trustor-domain');

    writeFileSync(join(dir, 'clouds.yaml'), 'clouds:\n  alpha:\n    auth: {}\n  beta-2:\n    region_name: RegionOne\n');
    expect(fishCompletions(['xloud --os-cloud '])[0]).toEqual(['alpha', 'beta-2']);
  });

  it('bash and fish offer the same candidates for every command of the table', () => {
    const lines = probes();
    expect(lines.length).toBeGreaterThan(150);
    const fromBash = bashCompletions(lines);
    const fromFish = fishCompletions(lines);
    const differences = lines.flatMap((line, i) =>
      JSON.stringify(fromBash[i]) === JSON.stringify(fromFish[i])
        ? []
        : [`${line}: bash ${fromBash[i]} / fish ${fromFish[i]}`],
    );
    expect(differences).toEqual([]);
    // each command word is offered where it belongs
    for (const spec of allCommands()) {
      const last = spec.path[spec.path.length - 1] ?? '';
      const i = lines.indexOf(
        `xloud ${spec.path.slice(0, -1).join(' ')}${spec.path.length > 1 ? ' ' : ''}${last.slice(0, 2)}`,
      );
      expect(fromFish[i], spec.path.join(' ')).toContain(last);
    }
  });

  it('an unknown shell is a usage error', async () => {
    const r = await xloud(['complete', '--shell', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("Unsupported shell 'tcsh': use bash, zsh or fish.");
  });
});
