/**
 * JUnit XML for CI test reports (Jenkins, GitLab, GitHub test reporters): one <testsuite> per policy and
 * one <testcase> per threshold, failed thresholds as <failure>. With several seeds the thresholds are
 * those on the mean. No timestamps: the same summary gives the same file.
 */
import type { Summary } from '../engine/summary.js';
import { formatMetric } from '../report/format.js';
import { policiesOf, thresholdResults } from './verdict.js';

function xmlEscape(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // XML 1.0 forbids most control characters even when escaped.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '')
  );
}

export function junitXml(summary: Summary): string {
  const results = thresholdResults(summary);
  const name = summary.scenario.name;
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const policy of policiesOf(summary)) {
    const mine = results.get(policy) ?? [];
    const failed = mine.filter((r) => !r.pass).length;
    tests += mine.length;
    failures += failed;
    const cases = mine.map((r) => {
      const caseName = `${r.metric} ${r.condition}`;
      const head = `    <testcase classname="${xmlEscape(`pollstorm.${name}.${policy}`)}" name="${xmlEscape(caseName)}" time="0"`;
      if (r.pass) return `${head}/>`;
      const shown = formatMetric(r.metric, r.value);
      const raw = JSON.stringify(r.value);
      const observed = `${r.metric} was ${shown === raw ? shown : `${shown} (${raw})`}, expected ${r.condition}`;
      const message =
        summary.seeds.length > 1 ? `${observed} (mean over ${summary.seeds.length} seeds)` : observed;
      return `${head}>\n      <failure message="${xmlEscape(message)}" type="threshold">${xmlEscape(message)}</failure>\n    </testcase>`;
    });
    suites.push(
      [
        `  <testsuite name="${xmlEscape(`${name} · ${policy}`)}" tests="${mine.length}" failures="${failed}" errors="0" skipped="0" time="0">`,
        `    <properties>`,
        `      <property name="engine" value="${xmlEscape(summary.engine)}"/>`,
        `      <property name="seeds" value="${xmlEscape(summary.seeds.join(','))}"/>`,
        `      <property name="policy" value="${xmlEscape(policy)}"/>`,
        `    </properties>`,
        ...cases,
        '  </testsuite>',
      ].join('\n'),
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(`pollstorm ${name}`)}" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
