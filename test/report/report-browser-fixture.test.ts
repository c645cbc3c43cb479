import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateScenario } from '../../src/engine/sim/index.js';
import type { Summary } from '../../src/engine/summary.js';
import { renderReport } from '../../src/report/render.js';
import { canvasInk, launchReportBrowser, type ReportBrowser } from './browser.js';
import { stallScenario, stallSummary } from './fixture.js';

const SCREENSHOT_DIR = 'reports/screenshots';

describe('the report in headless Chromium', () => {
  let browser: ReportBrowser;
  let summary: Summary;
  let html: string;

  beforeAll(async () => {
    summary = stallSummary();
    html = renderReport([summary], { command: 'npx pollstorm run test/report/fixture.ts --seed 42' });
    browser = await launchReportBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads from file:// with no console error and no request but the file itself', async () => {
    const r = await browser.open(html, 'report.html');
    expect(r.consoleErrors, 'console errors').toEqual([]);
    expect(r.requests, 'requests').toEqual([r.url]);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await r.page.screenshot({ path: `${SCREENSHOT_DIR}/report.png`, fullPage: true });
    await r.close();
  });

  it('draws every chart: each canvas carries the policies’ colours, not only axes', async () => {
    const r = await browser.open(html, 'charts.html');
    const ink = await canvasInk(r.page);
    const ids = ink.map((c) => c.chart);
    for (const id of [
      'rate:attempts',
      'rate:ok',
      'rate:timeouts',
      'latency',
      'stage:db:queue',
      'stage:db:inflight',
      'dist:traffic:ui',
    ]) {
      expect(ids, 'charts present').toContain(id);
    }
    for (const c of ink) expect(c.colored, `coloured pixels in ${c.chart}`).toBeGreaterThan(200);
    expect(await r.page.locator('figure.chart').count(), 'one canvas per figure').toBe(
      await r.page.locator('figure.chart canvas').count(),
    );
    expect(r.consoleErrors).toEqual([]);
    await r.close();
  });

  it('names every policy in the verdict, the table and the legend', async () => {
    const r = await browser.open(html, 'names.html');
    for (const policy of ['seed-default', 'recommended']) {
      await expect(
        r.page.locator('.verdict-card', { hasText: policy }).count(),
        `verdict ${policy}`,
      ).resolves.toBe(1);
      await expect(
        r.page.locator('table.compare thead th', { hasText: policy }).count(),
        `table ${policy}`,
      ).resolves.toBeGreaterThan(0);
      await expect(
        r.page.locator('.legend button', { hasText: policy }).count(),
        `legend ${policy}`,
      ).resolves.toBe(1);
    }
    const verdict = (await r.page.locator('.verdict-head').textContent()) ?? '';
    expect(verdict, 'seed-default fails its p99 threshold').toContain('FAIL');
    await r.close();
  });

  it('shows the scenario, its description, the fault window and the reproduce command with version and seed', async () => {
    const r = await browser.open(html, 'content.html');
    const text = (await r.page.locator('main').textContent()) ?? '';
    expect(text).toContain('db-stall');
    expect(text).toContain('does the retry storm outlive the stall?');
    expect(text).toContain('stall db');
    expect(text).toContain('npx pollstorm run test/report/fixture.ts --seed 42');
    expect(text).toContain('pollstorm 0.1.0');
    expect(await r.page.locator('pre.yaml').textContent(), 'YAML').toContain('kind: stall');
    await r.close();
  });

  it('toggles a policy on every chart from the legend', async () => {
    const r = await browser.open(html, 'toggle.html');
    const colourOf = async (): Promise<number> => {
      const ink = await canvasInk(r.page);
      return ink.reduce((s, c) => s + (c.byColor[0] ?? 0), 0);
    };
    const before = await colourOf();
    await r.page.locator('.legend button[data-column="0"]').click();
    expect(await r.page.locator('.legend button[data-column="0"]').getAttribute('aria-pressed')).toBe(
      'false',
    );
    const after = await colourOf();
    expect(after, 'seed-default’s colour gone from the charts').toBeLessThan(before * 0.05);
    await r.page.locator('.legend button[data-column="0"]').click();
    expect(await colourOf(), 'back').toBeGreaterThan(before * 0.9);
    expect(r.consoleErrors).toEqual([]);
    await r.close();
  });

  it('draws in dark mode and at a phone’s width without errors', async () => {
    const dark = await browser.open(html, 'dark.html', { width: 1280, height: 900 }, 'dark');
    const bg = await dark.page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(bg, 'dark background').not.toBe('rgb(255, 255, 255)');
    for (const c of await canvasInk(dark.page)) expect(c.colored, `dark ${c.chart}`).toBeGreaterThan(200);
    expect(dark.consoleErrors).toEqual([]);
    await dark.close();
    const phone = await browser.open(html, 'phone.html', { width: 390, height: 800 });
    for (const c of await canvasInk(phone.page)) expect(c.colored, `phone ${c.chart}`).toBeGreaterThan(100);
    expect(phone.consoleErrors).toEqual([]);
    await phone.close();
  });

  it('prints on paper: light colours, charts redrawn to the page width, every section open', async () => {
    const r = await browser.open(html, 'print.html', { width: 1280, height: 900 }, 'dark');
    await r.page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await r.page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    const widths = (await r.page.evaluate(
      "[...document.querySelectorAll('figure.chart canvas')].map((c) => c.getBoundingClientRect().width)",
    )) as number[];
    for (const w of widths) expect(w, 'chart width on A4').toBeLessThanOrEqual(700);
    expect(await r.page.evaluate('getComputedStyle(document.body).backgroundColor'), 'paper is white').toBe(
      'rgb(255, 255, 255)',
    );
    expect(
      await r.page.evaluate("[...document.querySelectorAll('details')].every((d) => d.open)"),
      'details open',
    ).toBe(true);
    for (const c of await canvasInk(r.page)) expect(c.colored, `print ${c.chart}`).toBeGreaterThan(100);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await r.page.screenshot({ path: `${SCREENSHOT_DIR}/report-print.png`, fullPage: true });
    const pdf = await r.page.pdf({ format: 'A4' });
    expect(pdf.byteLength, 'a PDF').toBeGreaterThan(10_000);
    await r.page.evaluate("window.dispatchEvent(new Event('afterprint'))");
    expect(r.consoleErrors).toEqual([]);
    await r.close();
  });

  it('compares two summaries side by side, on time axes of different bucket widths', async () => {
    // Another seed with coarser buckets: the charts join the two time axes.
    const other = simulateScenario(stallScenario({ bucketMs: 10_000 }), { seeds: [7] });
    const comparison = renderReport([summary, other]);
    const r = await browser.open(comparison, 'comparison.html');
    expect(r.consoleErrors).toEqual([]);
    expect(r.requests).toEqual([r.url]);
    expect(await r.page.locator('.legend button').count(), 'four columns').toBe(4);
    expect(await r.page.locator('.legend').textContent()).toContain('recommended (seed 7)');
    for (const c of await canvasInk(r.page)) expect(c.colored, c.chart).toBeGreaterThan(200);
    await r.close();
  });
});
