/** An RFC 9457 problem as the services and the gateway answer it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { field?: string; message: string }[];
  [extension: string]: unknown;
}

/** A failed API call: the HTTP status and the problem the server gave (or one made up for a network failure). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** The last path segment of the problem type, e.g. `insufficient-role`. */
  get code(): string {
    return this.problem.type?.split('/').pop() ?? 'error';
  }

  /** The message for a form field, when the server rejected that field. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A sentence for the user, for any error a query or mutation can throw. */
export function describeError(error: unknown): string {
  if (isApiError(error)) {
    return error.problem.detail ?? error.problem.title ?? `Request failed (${error.status})`;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
