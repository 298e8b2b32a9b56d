/**
 * What an import finds wrong with a document, reported AWS's way: errors fail the import with one
 * BadRequestException listing them all; warnings fail it only when the caller asks (`failonwarnings`),
 * and otherwise come back with the API.
 */
import { AwsError } from "../../../errors";
import { ApigwErrors } from "../errors";

export function importFailed(errors: readonly string[]): AwsError {
  return ApigwErrors.badRequest(`Errors found during import:\n\t${errors.join("\n\t")}`);
}

export class ImportProblems {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  warn(message: string): void {
    this.warnings.push(message);
  }

  /**
   * Runs one step (creating a model, putting a method, …): an API Gateway error it throws is recorded
   * against `context` and the step yields undefined, so the import goes on to report every problem.
   * The steps check before they write, so a refused one leaves the transaction usable.
   */
  async attempt<T>(context: string, step: () => Promise<T> | T): Promise<T | undefined> {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      this.errors.push(`${context}: ${error.message}`);
      return undefined;
    }
  }

  throwIfFailed(failOnWarnings: boolean): void {
    if (this.errors.length > 0) throw importFailed(this.errors);
    if (failOnWarnings && this.warnings.length > 0) throw ApigwErrors.badRequest(`Warnings found during import:\n\t${this.warnings.join("\n\t")}`);
  }
}
