/**
 * Request body validation against a method's request model: the model's JSON Schema (draft 4, as API
 * Gateway models are written), compiled once per deployment and model. References between models
 * (`$ref` to another model's URL) are not resolved.
 */
import Ajv from "ajv";
import draft04 from "ajv/lib/refs/json-schema-draft-04.json";
import type { DeploymentSnapshot } from "../model";

export type BodyCheck = (body: unknown) => { valid: true } | { valid: false; errors: string[] };

function compiler(): Ajv.Ajv {
  const ajv = new Ajv({ schemaId: "auto", allErrors: true, unknownFormats: "ignore" });
  ajv.addMetaSchema(draft04);
  return ajv;
}

/** A deployment's models, compiled on first use. */
export class ModelSchemas {
  readonly #checks = new Map<string, BodyCheck | null>();
  #ajv: Ajv.Ajv | undefined;

  constructor(private readonly models: DeploymentSnapshot["models"]) {}

  /** The check for `modelName`, or undefined when the model has no usable schema (then nothing is checked). */
  check(modelName: string): BodyCheck | undefined {
    if (!this.#checks.has(modelName)) this.#checks.set(modelName, this.#compile(modelName));
    return this.#checks.get(modelName) ?? undefined;
  }

  #compile(modelName: string): BodyCheck | null {
    const schema = this.models?.[modelName];
    if (!schema) return null;
    let validate: Ajv.ValidateFunction;
    try {
      this.#ajv ??= compiler();
      const { $schema: _ignored, ...rest } = JSON.parse(schema) as Record<string, unknown>;
      validate = this.#ajv.compile(rest);
    } catch {
      return null;
    }
    return (body) => {
      if (validate(body)) return { valid: true };
      return { valid: false, errors: (validate.errors ?? []).map((error) => `${error.dataPath || "instance"} ${error.message ?? "is invalid"}`) };
    };
  }
}
