import { problem, type FieldError, type ProblemCode } from '@henvis/contracts';

/** An error that becomes a problem+json response with a stable code. */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(code);
  }

  toJSON() {
    return problem(this.code, this.detail, this.errors);
  }
}
