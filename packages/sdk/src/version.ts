/**
 * This SDK's version, as sent in the User-Agent header.
 *
 * @example
 * ```ts
 * console.log(`using @xloud/sdk ${SDK_VERSION}`);
 * ```
 */
export const SDK_VERSION = '0.1.0';
