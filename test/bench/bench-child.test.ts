/** The child's protocol: one JSON line on stdout, exit code 0; an unknown case fails loudly. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function runCase(name: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'bench/case.ts', name], { encoding: 'utf8' });
}

describe('bench/case.ts', () => {
  it('baseline reports the process figures as one JSON line', () => {
    const child = runCase('baseline');
    expect(child.status, child.stderr).toBe(0);
    const report = JSON.parse(child.stdout);
    expect(report).toMatchObject({ case: 'baseline', requests: 0, simulationMs: 0 });
    expect(report.maxRssKb, 'maxRssKb').toBeGreaterThan(1024);
  });

  it('an unknown case exits non-zero', () => {
    const child = runCase('no-such-case');
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('Failed to run case no-such-case');
  });
});
