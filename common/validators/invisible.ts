/**
 * Characters that show as nothing on screen or reorder what is shown: zero-width space, non-joiner and
 * joiner, word joiner, byte order mark, and the bidirectional marks, embeddings, overrides and isolates.
 * Pasted from web pages and chat apps, they make a value differ from what the user sees.
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

/** C0 and C1 control characters, NUL and DEL included. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const hasInvisibleCharacter = (text: string): boolean => INVISIBLE.test(text);

export const hasControlCharacter = (text: string): boolean => CONTROL.test(text);
