import { createHash } from 'node:crypto';
import type { Locale } from '../contract/templates';
import { RequestError } from '../errors';
import { compareBudgets } from '../eval/compare-budgets';
import { mathVisionPrompt, mathVisionTemplate, taskQuestion } from '../eval/prompt';
import type { EvalRecord } from '../eval/record';
import { type BudgetPlan, type EffortLevel, planBudgetSweep } from '../models/budget';
import type { ModelEndpoint, SeerConfig } from '../models/config';
import type { ModelPreset } from '../models/presets';
import { resolveModel } from '../models/resolve-model';
import { resolveTemplate } from '../templates/resolve-template';
import type { Template } from '../templates/template';
import { type DatasetItem, type EvalDataset, loadEvalDataset } from './eval-dataset';
import type { EvalRunDescription } from './eval-run-file';

/** The prompt an eval asks with by default: MathVision's standard one. */
export const DEFAULT_EVAL_TEMPLATE = mathVisionTemplate.id;

/** What an eval run is asked to be. */
export interface EvalOptions {
  /** The data set's JSONL file. */
  dataset: string;
  /** Where images are looked up first, when they are not beside the JSONL or in its parent folder. */
  imagesRoot?: string;
  /** Budgets in tokens, or effort level names for an effort-mapped model. */
  budgets: readonly (number | EffortLevel)[];
  model?: string;
  /** `mathvision` (default) or a task id (`math-pattern`, a custom task). */
  template?: string;
  locale?: Locale;
  concurrency?: number;
  /** Only the first `limit` items. */
  limit?: number;
  /** How many times each item is asked at each budget (default 1). */
  repeats?: number;
  temperature?: number;
  /** With repeats, repeat `k` is sent `seed + k`. */
  seed?: number;
  /** Keep the thinking text in each line (default true). */
  logsThinking?: boolean;
  /** Throw away what the folder holds and start over. */
  isFresh?: boolean;
  /** Allow the demo model (which never looks at the pictures). */
  allowsDemo?: boolean;
  out: string;
  config: SeerConfig;
  /** Custom tasks, besides the built-in ones. */
  templates?: readonly Template[];
  seerVersion: string;
  /** Aborting it stops the run: no new requests, the ones in flight aborted and not recorded. */
  signal?: AbortSignal;
  /** Called after each answer with how many are done of how many. */
  onProgress?: (done: number, total: number, record: EvalRecord) => void;
}

/** An eval checked and planned, before any request. */
export interface PreparedEval {
  endpoint: ModelEndpoint;
  template: Template;
  dataset: EvalDataset;
  items: DatasetItem[];
  plans: BudgetPlan[];
  run: EvalRunDescription;
}

/** The model an eval runs on; a dry run may plan for a known model that has no key here. */
function evalModel(options: EvalOptions, preset?: ModelPreset): ModelEndpoint {
  return preset ? { preset, baseURL: '', apiKey: '' } : resolveModel(options.config, options.model);
}

/** The prompt's version: a hash of the words it sends for a fixed probe item, so any rewording shows. */
function templateVersion(template: Template, locale: Locale): string {
  const probe = { question: 'Probe question <image1>', options: ['1', '2'] };
  const text =
    template.id === mathVisionTemplate.id
      ? mathVisionPrompt(probe, locale)
      : template.buildPrompt({
          locale,
          question: taskQuestion(probe),
          media: [{ type: 'image', width: 100, height: 100 }],
        });
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/**
 * Everything that can be refused is refused here, before any request: the demo model (unless allowed),
 * a budget sweep with clamped or collapsing budgets, an unknown task, a data set with any bad line or
 * missing image.
 */
export async function prepareEval(options: EvalOptions, preset?: ModelPreset): Promise<PreparedEval> {
  const endpoint = evalModel(options, preset);
  if (endpoint.preset.provider === 'demo' && !options.allowsDemo) {
    throw new RequestError({
      code: 'demo_model',
      message:
        'The demo model never looks at the pictures, so its accuracy means nothing. Name a real model with --model (see seer models), or pass --allow-demo to try the pipeline.',
    });
  }
  // The demo takes no budget; allowed, it runs each budget as is, to try the pipeline end to end.
  const plans = (
    endpoint.preset.provider === 'demo'
      ? options.budgets.map((asked) => ({
          asked,
          how: 'none' as const,
          sent: null,
          isClamped: false,
          parameters: {},
        }))
      : planBudgetSweep(endpoint.preset, options.budgets)
  ).sort((a, b) => compareBudgets(a.asked, b.asked));
  const templateId = options.template ?? DEFAULT_EVAL_TEMPLATE;
  const template =
    templateId === mathVisionTemplate.id
      ? mathVisionTemplate
      : resolveTemplate(templateId, options.templates);
  const dataset = await loadEvalDataset(options.dataset, {
    ...(options.imagesRoot ? { imagesRoot: options.imagesRoot } : {}),
  });
  const items = dataset.items.slice(0, options.limit ?? Number.POSITIVE_INFINITY);
  const locale = options.locale ?? 'en';
  const run: EvalRunDescription = {
    seerVersion: options.seerVersion,
    model: {
      id: endpoint.preset.id,
      provider: endpoint.preset.provider,
      family: endpoint.preset.family,
      upstreamModel: endpoint.preset.upstreamModel,
    },
    dataset: { path: dataset.path, sha256: dataset.sha256, items: items.length },
    template: { id: template.id, version: templateVersion(template, locale) },
    locale,
    budgets: plans.map((plan) => ({ asked: plan.asked, how: plan.how, sent: plan.sent })),
    concurrency: Math.max(1, options.concurrency ?? 2),
    repeats: Math.max(1, options.repeats ?? 1),
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    logsThinking: options.logsThinking ?? true,
    startedAt: new Date().toISOString(),
  };
  return { endpoint, template, dataset, items, plans, run };
}
