/**
 * Request body validation against a method's request model: the model's JSON Schema (draft 4, as API
 * Gateway models are written), compiled once per deployment and model. Models refer to each other by
 * URL (model-urls.ts): every model of the deployment is registered under its own URL, so references
 * between them resolve, cycles included.
 */
import Ajv from "ajv";
import draft04 from "ajv/lib/refs/json-schema-draft-04.json";
import { parseJsonObject } from "../../../lib/json";
import type { DeploymentSnapshot } from "../model";
import { modelUrl } from "../model-urls";

export type BodyCheck = (body: unknown) => { valid: true } | { valid: false; errors: string[] };

/** A deployment's models, compiled on first use. */
export class ModelSchemas {
  readonly #checks = new Map<string, BodyCheck | null>();
  #ajv: Ajv.Ajv | undefined;

  constructor(
    private readonly restApiId: string,
    private readonly models: DeploymentSnapshot["models"],
  ) {}

  /**
   * The check for `modelName`, or undefined when the model has no usable schema (then nothing is
   * checked): not JSON Schema, or referring to a model the deployment does not have.
   */
  check(modelName: string): BodyCheck | undefined {
    if (!this.#checks.has(modelName)) this.#checks.set(modelName, this.#compile(modelName));
    return this.#checks.get(modelName) ?? undefined;
  }

  /** Every model that is JSON Schema, under its URL. */
  #registry(): Ajv.Ajv {
    if (this.#ajv) return this.#ajv;
    const ajv = new Ajv({ schemaId: "auto", allErrors: true, unknownFormats: "ignore" });
    ajv.addMetaSchema(draft04);
    for (const [name, text] of Object.entries(this.models ?? {})) {
      const parsed = parseJsonObject(text);
      if (!parsed) continue;
      // The URL is the model's identity: a `$schema` or `id` of its own would give it another one.
      const { $schema: _schema, id: _id, $id: _$id, ...schema } = parsed;
      try {
        ajv.addSchema(schema, modelUrl(this.restApiId, name));
      } catch {
        // Not a valid schema: left out, and so is every model referring to it.
      }
    }
    return (this.#ajv = ajv);
  }

  #compile(modelName: string): BodyCheck | null {
    const validate = this.#validator(modelName);
    if (!validate) return null;
    return (body) => (validate(body) ? { valid: true } : { valid: false, errors: (validate.errors ?? []).map(describeError) });
  }

  #validator(modelName: string): Ajv.ValidateFunction | undefined {
    try {
      return this.#registry().getSchema(modelUrl(this.restApiId, modelName));
    } catch {
      return undefined; // a reference that does not resolve
    }
  }
}

const describeError = (error: Ajv.ErrorObject) => `${error.dataPath || "instance"} ${error.message ?? "is invalid"}`;
