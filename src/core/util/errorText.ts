/** What went wrong, in words, from anything thrown (an Error without a message gives its string form). */
export const errorText = (err: unknown): string => (err instanceof Error && err.message ? err.message : String(err));
