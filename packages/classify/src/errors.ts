/** Errors with a stable machine-readable `code` for callers (CLI, server) to branch on. */
export type ClassifyErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_MODEL'
  | 'MODEL_NOT_FOUND'
  | 'INVALID_LANGUAGE_PACK'
  | 'OPTIONAL_DEPENDENCY_MISSING';

export class ClassifyError extends Error {
  constructor(
    readonly code: ClassifyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ClassifyError';
  }
}
