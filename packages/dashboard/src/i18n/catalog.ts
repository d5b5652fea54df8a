import { common } from './en/common.ts';
import { signIn } from './en/sign-in.ts';
import { pages } from './en/pages.ts';

/**
 * The one message catalog. English ships with the console; a translation is a data file with the same keys
 * (registered with registerTranslation), and missing keys fall back to English.
 */
export const english = { ...common, ...signIn, ...pages } as const;

export type MessageKey = keyof typeof english;
export type Messages = Partial<Record<MessageKey, string>>;
