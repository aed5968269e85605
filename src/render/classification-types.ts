/** A compact record of one attempt of an exchange. */
export interface AttemptSummary {
  status: number | null;
  code: string | null;
}

/** Where an exchange was read from. */
export interface SourceRef {
  input: string;
  line: number;
}
