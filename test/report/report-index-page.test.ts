import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../src/engine/sim/index.js';
import { renderIndex, reportHref } from '../../src/report/index-page.js';
import { stallScenario } from './fixture.js';

describe('reports/index.html', () => {
  const scenario = stallScenario({
    durationMs: 120_000,
    faults: [{ kind: 'stall', stage: 'db', atMs: 30_000, forMs: 10_000 }],
  });
  const summary = simulateScenario(scenario);

  it('lists every summary newest first with a link to its report, verdict and key metrics', () => {
    const older = { ...summary, scenario: { ...summary.scenario, name: 'older <b>run</b>' } };
    const html = renderIndex([
      { file: 'older.json', summary: older, mtimeMs: Date.UTC(2026, 0, 1, 9, 30) },
      { file: 'newer.json', summary, mtimeMs: Date.UTC(2026, 0, 2, 9, 30) },
    ]);
    expect(html.indexOf('newer.html'), 'newest first').toBeLessThan(html.indexOf('older.html'));
    expect(html).toContain('href="./newer.html"');
    expect(html).toContain('2026-01-02 09:30 UTC');
    expect(html, 'escaped').toContain('older &lt;b&gt;run&lt;/b&gt;');
    for (const policy of ['seed-default', 'recommended']) expect(html).toContain(policy);
    expect(html, 'verdict').toMatch(/✓ pass|✗ fail/);
    expect(html, 'goodput').toMatch(/\d \/s/);
    expect(html).not.toContain('<script');
  });

  it('says so when there is nothing yet', () => {
    expect(renderIndex([])).toContain('No summaries yet');
  });

  it('links to the sibling .html and keeps odd file names a path', () => {
    expect(reportHref('runs/a b.json')).toBe('./runs/a%20b.html');
    expect(reportHref('seed-incident.summary.json'), 'what run --out writes').toBe('./seed-incident.html');
    expect(reportHref('javascript:alert(1).json')).toBe('./javascript%3Aalert(1).html');
    expect(reportHref('/abs/x.json')).toBe('/abs/x.html');
  });
});
