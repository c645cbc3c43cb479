/**
 * The start of every page pollstorm writes, up to the title: one place for the Content-Security-Policy
 * that keeps a report offline (nothing to connect to, no external script, style or image).
 */
import { escapeHtml } from './escape.js';

/** No network: styles (and, for reports, scripts) only inline, images only data: URLs. */
function csp(scripts: boolean): string {
  return `default-src 'none';${scripts ? " script-src 'unsafe-inline';" : ''} style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
}

export function documentHead(title: string, options: { scripts: boolean; generator?: string }): string {
  const generator =
    options.generator === undefined ? '' : `\n<meta name="generator" content="${escapeHtml(options.generator)}">`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp(options.scripts)}">
<meta name="viewport" content="width=device-width, initial-scale=1">${generator}
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>`;
}
