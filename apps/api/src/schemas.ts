// The API's bodies come from core's contract; these names are the ones the routes were written with.
export {
  AnalysisResponseSchema as AnalysisDocumentSchema,
  ErrorBodySchema,
  HealthSchema,
  ModelInfoSchema,
  ModelsQuerySchema,
  PreprocessResponseSchema,
  TemplateDescriptionSchema as TemplateInfoSchema,
} from '@seer/core';
