/** How a caller should react to an error before sending the same request again. */
export type RetryStrategy = 'none' | 'backoff' | 'reauth' | 'refresh';

/** Where a catalog entry is documented. */
export type SourceId =
  | 'openprospect-reference' // OpenProspect "API Error Reference" (older, nested + flat examples)
  | 'openprospect-errors' // OpenProspect "Error Handling" (current, flat envelope)
  | 'verification-api' // lead-list/verification API: {error: message, code, details}
  | 'incident-api' // incident API: {code, message, details, request_id}
  | 'lead-api' // lead-management API: {success: false, error, code, details, requestId}
  | 'rfc9110' // generic HTTP status semantics
  | 'transport' // client-side network failures (no HTTP response at all)
  | 'de-facto' // statuses proxies and CDNs answer that no RFC registers (nginx 499, Cloudflare 520-526)
  | 'config'; // the user's own configuration file (`codes`)

/** The family an entry belongs to. */
export type EntryKind = 'api' | 'http' | 'transport';

/** One documented error code. */
export interface CatalogEntry {
  code: string;
  /** HTTP status, or null when no document gives one (transport failures have none). */
  status: number | null;
  kind: EntryKind;
  summary: string;
  cause: string;
  fix: string;
  retry: RetryStrategy;
  sources: readonly SourceId[];
  related: readonly string[];
  /** An example response body as documented. */
  example?: unknown;
  /** Other names that mean this entry (errno names, curl exit codes, spelling variants). */
  aliases?: readonly string[];
  /** Where the documents disagree, what op-errors decided and why. */
  decision?: string;
}

/** A field-level validation problem. */
export interface FieldError {
  field: string;
  message: string;
  /** The docs' fix for this field's problem, when their tables give one. */
  fix?: string;
}

/** A client-side failure: no HTTP response arrived. */
export interface TransportFailure {
  /** Catalog code, e.g. CONNECTION_REFUSED. */
  code: string;
  /** What the client said, e.g. "curl: (7) Failed to connect ...". */
  message: string;
}

/** One response (or transport failure) as read from the input. */
export interface Attempt {
  status: number | null;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Raw body text ("" when empty). */
  body: string;
  /** The body's bytes when it is data rather than UTF-8 text (a recording's base64 body); `body` is then lossy. */
  bytes?: Uint8Array;
  /** The body already parsed as JSON, when the reader did so. */
  json?: unknown;
  transport?: TransportFailure;
}

/** One request as seen in the input: every attempt, the final one last. */
export interface Exchange {
  attempts: Attempt[];
  /** The request, when the input showed it (curl -v `> POST ...`, HTTPie): whether repeating it is safe. */
  request?: SeenRequest;
  /** Input name ("-" for stdin) and 1-based line where the exchange starts. */
  source: { input: string; line: number };
}

/** A request as a transcript shows it: its method, and whether it carried an Idempotency-Key. */
export interface SeenRequest {
  method: string;
  idempotencyKey: boolean;
}

/** A part of the input that could not be understood. */
export interface InputProblem {
  input: string;
  line: number;
  message: string;
}

/** The result of classifying one response: the documented JSON contract. */
export interface Classification {
  ok: boolean;
  status: number | null;
  /** Where `status` came from: the input, the --status option, the code's documented status, or nowhere. */
  statusSource: StatusSource;
  code: string | null;
  known: boolean;
  retryable: boolean;
  retry: RetryStrategy;
  /** Seconds to wait before retrying, when the response says so. */
  retryAfter: number | null;
  message: string | null;
  fix: string | null;
  requestId: string | null;
  fields: FieldError[];
  details: Record<string, unknown>;
  /** Where `retryAfter` came from; not part of the JSON contract, the retry log names it. */
  retryAfterSource?: WaitSource;
}

/** Where a classification's status came from. */
export type StatusSource = 'input' | 'option' | 'catalog' | null;

/** Where a server-requested wait was read. */
export type WaitSource = 'retry-after' | 'retry_after' | 'x-ratelimit-reset';
