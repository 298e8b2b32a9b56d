/** A mapping template that cannot be parsed or evaluated; API Gateway answers the call with a configuration error. */
export class TemplateError extends Error {
  override name = "TemplateError";
}

/** A payload that starts like JSON but is not: on a request, the client's bad body (400), not the API's fault. */
export class PayloadError extends TemplateError {
  override name = "PayloadError";
}
