export { renderMappingTemplate } from "./render";
export { PayloadError, TemplateError } from "./template-error";
export type { TemplateInput, TemplateOutput, TemplateOverrides, TemplateParams } from "./types";
