import type { AnalysisRequest } from '../contract/analysis-request';
import { RequestError } from '../errors';
import { checkMediaRules } from '../templates/registry';
import type { Template } from '../templates/template';

/** Checks the media counts against the template's rules; 400 with a sentence on what the task needs. */
export function checkTemplateMedia(template: Template, request: AnalysisRequest): void {
  const counts = {
    image: request.media.filter((item) => item.type === 'image').length,
    video: request.media.filter((item) => item.type === 'video').length,
  };
  const problem = checkMediaRules(template, counts);
  if (problem) throw new RequestError({ code: 'invalid_request', message: problem });
  if (template.question === 'required' && !request.question) {
    throw new RequestError({ code: 'invalid_request', message: `${template.title.en} needs a question.` });
  }
}
