/** What the report says without a browser: tables, verdicts, escaping, YAML and the command. */
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../src/engine/sim/index.js';
import { jsonForScript } from '../../src/report/escape.js';
import { formatDuration, formatMetric } from '../../src/report/format.js';
import { renderReport } from '../../src/report/render.js';
import { reproduceCommand, shellQuote } from '../../src/report/scenario-html.js';
import { stallScenario } from './fixture.js';

const short = () =>
  stallScenario({
    durationMs: 120_000,
    faults: [{ kind: 'stall', stage: 'db', atMs: 30_000, forMs: 10_000 }],
  });

describe('the report without a browser', () => {
  it('embeds the data so that no text can close its script element', () => {
    const json = jsonForScript({ name: '</script><!-- & \u2028', timeoutMs: Number.POSITIVE_INFINITY });
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ name: '</script><!-- & \u2028', timeoutMs: null });
  });

  it('is one file: no external script, stylesheet, image, font or fetch, and a CSP that forbids them', () => {
    const html = renderReport([simulateScenario(short())]);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('uPlot');
  });

  it('shows mean ± 95% CI with several seeds and marks the best value of a row', () => {
    const summary = simulateScenario(short(), { seeds: [1, 2, 3] });
    const html = renderReport([summary]);
    expect(html, 'mean ± CI').toMatch(/ms ± [\d.]+ ms/);
    expect(html, 'seeds named').toContain('1, 2, 3');
    expect(html, 'best marked').toContain('class="value best"');
    expect(html, 'direction shown').toContain('↓ less is better');
  });

  it('names the failed threshold and its value in the verdict', () => {
    const html = renderReport([simulateScenario(short())]);
    expect(html).toMatch(/✗ FAIL|✓ PASS/);
    expect(html).toContain('traffic.ui.latency.p99 &lt; 3000');
  });

  it('reproduces with a pinned version, the engine and the seeds, quoting odd policy names', () => {
    const scenario = short();
    scenario.policies = {
      "it's odd": scenario.policies.recommended!,
      plain: scenario.policies['seed-default']!,
    };
    const summary = simulateScenario(scenario, { seeds: [5, 6], policies: ["it's odd"] });
    expect(reproduceCommand(summary)).toBe(
      `npx pollstorm@0.1.0 run db-stall.yaml --engine sim --seed 5 --seeds 2 --policy 'it'\\''s odd'`,
    );
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('plain-name_1.yaml')).toBe('plain-name_1.yaml');
  });

  it('writes the scenario as YAML with unbounded values as .inf', () => {
    const html = renderReport([simulateScenario(short())]);
    expect(html).toContain('timeoutMs: .inf');
    expect(html).toContain('kind: stall');
  });

  it('formats units for people', () => {
    expect(formatDuration(0.42)).toBe('0.42 ms');
    expect(formatDuration(87)).toBe('87 ms');
    expect(formatDuration(1240)).toBe('1.24 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatMetric('stage.db.utilization', 0.732)).toBe('73.2 %');
    expect(formatMetric('goodput.perSec', 12.5)).toBe('12.5 /s');
    expect(formatMetric('recovery.ms', null)).toBe('never');
    expect(formatMetric('poll.attempts', 12345)).toBe('12,345');
  });
});

describe('the report of an odd summary', () => {
  it('renders an interrupted run with no runs yet, and a run without faults or thresholds', () => {
    const summary = simulateScenario(short());
    const empty = renderReport([{ ...summary, runs: [], aggregate: {}, partial: true }]);
    expect(empty).toContain('interrupted');
    const quiet = simulateScenario({ ...short(), faults: [], thresholds: {} });
    const html = renderReport([quiet]);
    expect(html).toContain('No thresholds set');
    expect(html).toContain('no faults injected');
  });
});
