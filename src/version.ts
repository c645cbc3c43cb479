/** pollstorm's version, written into every summary (a test keeps it equal to package.json's). */
export const VERSION = '0.1.0';
export const TOOL = { name: 'pollstorm', version: VERSION } as const;
