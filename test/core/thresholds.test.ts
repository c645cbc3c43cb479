import { describe, expect, it } from 'vitest';
import { evaluateThresholds } from '../../src/core/thresholds.js';

describe('thresholds', () => {
  const metrics = { 'jobs.throughputPerMin': 8.5, 'logs.error': 0, 'recovery.metastable': false, 'recovery.ms': null };

  it('checks each condition of each metric', () => {
    const r = evaluateThresholds(metrics, {
      'jobs.throughputPerMin': ['> 8', '< 8.5', '<= 8.5', '>= 9', '!= 8.5'],
      'logs.error': ['== 0'],
      'recovery.metastable': ['== false', '!= true'],
    });
    expect(r.map((x) => [x.metric, x.condition, x.pass])).toEqual([
      ['jobs.throughputPerMin', '> 8', true],
      ['jobs.throughputPerMin', '< 8.5', false],
      ['jobs.throughputPerMin', '<= 8.5', true],
      ['jobs.throughputPerMin', '>= 9', false],
      ['jobs.throughputPerMin', '!= 8.5', false],
      ['logs.error', '== 0', true],
      ['recovery.metastable', '== false', true],
      ['recovery.metastable', '!= true', true],
    ]);
  });

  it('a null metric fails numeric conditions; a missing one fails and reports null', () => {
    const r = evaluateThresholds(metrics, { 'recovery.ms': ['< 60000'], 'nope.metric': ['> 0'] });
    expect(r.map((x) => [x.pass, x.value])).toEqual([
      [false, null],
      [false, null],
    ]);
  });

  it('a mean over seeds reads against true/false: == false only when no seed was true', () => {
    expect(evaluateThresholds({ m: 0 }, { m: ['== false'] })[0]?.pass).toBe(true);
    expect(evaluateThresholds({ m: 1 / 3 }, { m: ['== false'] })[0]?.pass).toBe(false);
    expect(evaluateThresholds({ m: 1 / 3 }, { m: ['!= true'] })[0]?.pass).toBe(true);
  });
});
