/** The CLI's version (package.json#version). */
export const CLI_VERSION = '0.1.0';
