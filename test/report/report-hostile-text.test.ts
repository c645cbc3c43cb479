import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../src/engine/summary.js';
import { renderReport } from '../../src/report/render.js';
import { launchReportBrowser, type ReportBrowser } from './browser.js';
import { stallScenario } from './fixture.js';
import { simulateScenario } from '../../src/engine/sim/index.js';

const NAME = '<script>window.__pwned = "name"</script>';
const DESCRIPTION =
  'Stall <img src=x onerror="window.__pwned = \'description\'"> </script><script>window.__pwned = "json"</script>';
const POLICY = '<svg onload="window.__pwned = \'policy\'">" \' & </style>';

function hostileSummary(): Summary {
  const base = stallScenario({
    name: NAME,
    description: DESCRIPTION,
    durationMs: 120_000,
    faults: [{ kind: 'stall', stage: 'db', atMs: 30_000, forMs: 10_000 }],
  });
  base.policies = { [POLICY]: base.policies.recommended!, plain: base.policies['seed-default']! };
  base.thresholds = { 'traffic.ui.latency.p99': ['< 3000'] };
  return simulateScenario(base);
}

describe('hostile text in a scenario', () => {
  let browser: ReportBrowser;
  let html: string;

  beforeAll(async () => {
    html = renderReport([hostileSummary()], { command: `npx pollstorm run '${NAME}'.yaml` });
    browser = await launchReportBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is escaped in the HTML: no tag or attribute of it survives', () => {
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<svg onload');
    expect(html, 'the JSON element cannot be closed early').not.toMatch(/<\/script><script>window/);
    // Exactly the three script elements the report ships: data, uPlot, the page's own.
    expect(html.match(/<script[\s>]/g)?.length, 'script elements').toBe(3);
  });

  it('shows as text in Chromium and never runs', async () => {
    const r = await browser.open(html, 'hostile.html');
    expect(await r.page.evaluate('window.__pwned'), 'no hostile code ran').toBeUndefined();
    expect(r.consoleErrors).toEqual([]);
    expect(r.requests, 'no image was fetched').toEqual([r.url]);
    expect(await r.page.locator('h1').textContent()).toBe(NAME);
    expect(await r.page.locator('.description').textContent()).toBe(DESCRIPTION);
    expect(await r.page.locator('.legend button[data-column="0"]').textContent()).toBe(POLICY);
    expect(await r.page.title()).toContain(NAME);
    expect(await r.page.locator('img, svg').count(), 'no injected element').toBe(0);
    // The charts (legend labels go in through textContent) drew all the same.
    expect(await r.page.evaluate('window.pollstormReport.charts')).toBeGreaterThan(4);
    await r.close();
  });
});
