/**
 * Opens a report in real headless Chromium — Debian's /usr/bin/chromium driven by playwright-core, never a
 * downloaded browser — from a file:// URL, and records what a test asserts on: console errors, page errors
 * and every request the page made.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface OpenedReport {
  page: Page;
  url: string;
  file: string;
  consoleErrors: string[];
  requests: string[];
  close(): Promise<void>;
}

export interface ReportBrowser {
  open(
    html: string,
    name: string,
    viewport?: { width: number; height: number },
    colorScheme?: 'light' | 'dark',
  ): Promise<OpenedReport>;
  close(): Promise<void>;
}

export async function launchReportBrowser(): Promise<ReportBrowser> {
  const dir = await mkdtemp(join(tmpdir(), 'pollstorm-report-'));
  const profile = await mkdtemp(join(tmpdir(), 'pollstorm-chromium-'));
  // A persistent context is how playwright takes --user-data-dir: a fresh profile per test run.
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
  });
  const browser: Browser | null = context.browser();
  return {
    async open(html, name, viewport = { width: 1280, height: 900 }, colorScheme = 'light') {
      const file = join(dir, name);
      await writeFile(file, html);
      const url = pathToFileURL(file).href;
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      const consoleErrors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(url, { waitUntil: 'load' });
      return { page, url, file, consoleErrors, requests, close: () => page.close() };
    },
    async close() {
      await context.close();
      await browser?.close();
      await rm(dir, { recursive: true, force: true });
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs in the page: for each chart canvas, how many pixels carry a policy colour (within a small tolerance),
 * so a canvas with only axes and grid does not count as drawn. A string, as the test code has no DOM types.
 */
const CANVAS_INK = `(() => {
  const rootStyle = getComputedStyle(document.documentElement);
  const palette = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => {
    const hex = rootStyle.getPropertyValue('--c' + i).trim().replace('#', '');
    return [0, 2, 4].map((k) => parseInt(hex.slice(k, k + 2), 16));
  });
  return [...document.querySelectorAll('figure.chart')].map((fig) => {
    const canvas = fig.querySelector('canvas');
    const chart = fig.getAttribute('data-chart-id') || '?';
    if (canvas === null) return { chart, colored: 0, nonBlank: 0, byColor: [] };
    const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let colored = 0;
    let nonBlank = 0;
    const byColor = palette.map(() => 0);
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] === 0) continue;
      nonBlank++;
      // Strokes are opaque; the translucent fault shading, in a palette colour, is not a policy's line.
      if (px[i + 3] < 160) continue;
      const r = px[i], g = px[i + 1], b = px[i + 2];
      const k = palette.findIndex(([pr, pg, pb]) => Math.abs(r - pr) + Math.abs(g - pg) + Math.abs(b - pb) < 24);
      if (k >= 0) {
        colored++;
        byColor[k]++;
      }
    }
    return { chart, colored, nonBlank, byColor };
  });
})()`;

export interface CanvasInk {
  chart: string;
  colored: number;
  nonBlank: number;
  /** Pixels of each palette slot: a policy's colour is slot index % 8. */
  byColor: number[];
}

export async function canvasInk(page: Page): Promise<CanvasInk[]> {
  return (await page.evaluate(CANVAS_INK)) as CanvasInk[];
}
