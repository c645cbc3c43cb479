/**
 * Terminal emphasis: bold and colour on a terminal, plain text in logs and pipes (and with NO_COLOR,
 * https://no-color.org). Tables measure text without the escape codes.
 */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    `\x1b[${open}m${text}\x1b[${close}m`;

export const COLOR: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  green: wrap(32, 39),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
};

const same = (text: string): string => text;
export const PLAIN: Style = { bold: same, dim: same, green: same, red: same, yellow: same };

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return COLOR;
  return stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb' ? COLOR : PLAIN;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the escape codes is the point
const ANSI = /\x1b\[[0-9;]*m/g;

export function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}
