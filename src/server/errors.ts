/**
 * Failures the API reports to the client, each with its HTTP status and an error code from
 * the contract (core/sync ApiError). Thrown by the data layer, turned into JSON by http/app.ts.
 */
import type { ApiError, SaveConflict } from '../core/sync';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiError['error'],
    message: string,
    /** Extra members of the JSON body (e.g. the server's copy in a conflict). */
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  body(): Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.extra };
  }
}

export const notFound = (what: string) => new ApiFailure(404, 'not-found', `${what} not found`);
export const invalid = (message: string) => new ApiFailure(400, 'invalid', message);
export const forbidden = (message: string) => new ApiFailure(403, 'forbidden', message);

export function conflict(body: Omit<SaveConflict, 'error'>): ApiFailure {
  const { message, ...rest } = body;
  return new ApiFailure(409, 'conflict', message, rest);
}
