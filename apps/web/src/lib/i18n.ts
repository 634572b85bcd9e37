/**
 * Every string of the playground's interface, in English and Chinese. `en` defines the key set; `zh`
 * is typed against it, so a key without its Chinese string fails the typecheck. `{name}` marks a value
 * filled in by `translate`.
 */

/** The interface languages (also the answer locales the API takes). */
export type Locale = 'en' | 'zh';

/** Both locales, in the order the language toggle lists them. */
export const locales: readonly Locale[] = ['en', 'zh'];

const en = {
  'app.tagline': 'Show a thinking model your photos or a video, and watch it reason.',
  'app.language': 'Language / 语言',
  'app.loading': 'Loading…',
  'app.loadFailed': 'The playground could not start.',
  'token.title': 'This Seer needs an access token',
  'token.help': 'Ask whoever runs it for one. It is kept in this tab only.',
  'token.label': 'Access token',
  'token.submit': 'Use token',
  'token.wrong': 'The server did not accept that token.',
  'app.form': 'Analysis',
  'intro.title': 'How it works',
  'intro.step1': 'Pick a task and add a photo or a video.',
  'intro.step2': "Press Analyze: the model's thinking streams in first, then its answer.",
  'intro.step3': 'Stop at any time; what arrived is kept.',
  'task.label': 'Task',
  'media.add': 'Add images or video',
  'media.takePhoto': 'Take a photo',
  'media.hint':
    "Choose photos or a video, drop them here, or paste. Photos are resized here, before upload; the server samples a video's frames.",
  'question.label': 'Question',
  'question.placeholderRequired': 'What should the model look for?',
  'question.placeholderOptional': 'Anything to add? (optional)',
  'question.hintRequired': '{task} needs a question.',
  'question.hintOptional': 'Optional: the task already tells the model what to do.',
  'question.thisTask': 'This task',
  'model.label': 'Model',
  'model.demoNotice': 'Demo model: connect a real model to analyse your media',
  'action.analyze': 'Analyze',
  'action.stop': 'Stop',
  'thinking.label': 'Thinking',
  'thinking.active': 'Thinking…',
  'thinking.cutShort': 'Thinking (cut short)',
  'thinking.thoughtFor': 'Thought for {seconds}',
  'thinking.tokens': ' · {count} tokens',
  'thinking.thought': 'Thought',
  'thinking.waitingModel': 'Waiting for the model…',
  'thinking.preparing': 'Preparing media…',
  'thinking.none': 'No thinking was shared',
  'answer.label': 'Answer',
  'answer.waiting': 'The answer follows the thinking.',
  'answer.stopped': 'Stopped. What arrived so far is kept.',
  'run.reconnecting': 'The connection dropped. Reconnecting…',
  'run.reconnected': 'Reconnected: the run went on meanwhile, and nothing was missed.',
  'run.reattached': 'Picked up again after the page reloaded.',
  'run.interrupted': 'Interrupted: the page closed during the run, and the server no longer has it.',
  'answer.copy': 'Copy',
  'answer.copied': 'Copied',
  'answer.copyFailed': 'Copy failed',
  'error.retry': 'Try again',
  'error.dismiss': 'Dismiss error',
  'model.badge.always': 'Thinks always',
  'model.badge.optional': 'Thinking optional',
  'model.badge.hidden': 'Thinking hidden',
  'model.badge.none': 'No thinking',
  'model.badge.budget': 'Budget',
  'model.badge.video': 'Video',
  'model.badges': 'Capabilities of {model}',
  'budget.label': 'Thinking budget',
  'budget.off': 'Off (default)',
  'budget.presets': 'Budget presets',
  'budget.value': '{count} tokens',
  'budget.range': '{min}–{max} tokens',
  'budget.used': 'Thinking budget {budget} tokens · used {used}',
  'budget.thinkLonger': 'Think longer ({budget})',
  'summary.time': 'Time',
  'summary.input': 'Input',
  'summary.output': 'Output',
  'summary.reasoning': 'Reasoning',
  'summary.tokens': '{count} tokens',
  'summary.result': 'Result',
  'summary.note.length': 'The answer was cut off by the token limit.',
  'summary.note.budget': 'The thinking budget ran out, so the model was asked to answer with what it had.',
  'summary.note.content_filter': 'The provider filtered the output.',
  'summary.note.error': 'The model reported an error.',
  'media.original': 'Original',
  'media.sent': 'Sent',
  'media.tokens': 'Tokens',
  'media.cost': 'Cost',
  'media.upload': 'Upload',
  'media.total': 'Total',
  'media.totalLabel': 'Total for all media',
  'media.remove': 'Remove {name}',
  'media.removeTitle': 'Remove',
  'media.reading': 'Reading…',
  'media.sampling': 'Sampling frames…',
  'media.duration': 'Duration',
  'media.frames': 'Frames',
  'history.label': 'History',
  'history.empty': 'Finished runs are kept here, in this browser.',
  'history.unavailable': 'History is not available in this browser.',
  'history.open': 'Open',
  'history.exportMarkdown': 'Markdown',
  'history.exportMarkdownLabel': 'Export {run} as Markdown',
  'history.exportJSON': 'JSON',
  'history.exportJSONLabel': 'Export {run} as JSON',
  'history.delete': 'Delete',
  'history.deleteLabel': 'Delete {run}',
  'history.viewing': 'A saved run from {time}: {task} with {model}.',
  'history.close': 'Back to the playground',
  'history.status.finished': 'finished',
  'history.status.stopped': 'stopped',
  'history.status.failed': 'failed',
  'history.status.running': 'running',
  'history.status.interrupted': 'interrupted',
  'history.media': 'Media of the saved run',
  'compare.toggle': 'Compare two runs',
  'compare.secondModel': 'Second model',
  'compare.secondBudget': 'Second thinking budget',
  'compare.results': 'Comparison',
  'compare.run': 'Run {run}',
  'compare.thinking': 'Thinking ({run})',
  'compare.answer': 'Answer ({run})',
  'compare.noBudget': 'No budget',
} satisfies Record<string, string>;

/** A key of the interface dictionary. */
export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  'app.tagline': '把照片或视频交给会思考的模型，看它一步步推理。',
  'app.language': 'Language / 语言',
  'app.loading': '加载中…',
  'app.loadFailed': '演示台无法启动。',
  'token.title': '此 Seer 需要访问令牌',
  'token.help': '请向运行它的人索取。令牌只保存在当前标签页中。',
  'token.label': '访问令牌',
  'token.submit': '使用令牌',
  'token.wrong': '服务器不接受这个令牌。',
  'app.form': '分析',
  'intro.title': '使用方法',
  'intro.step1': '选择任务，添加照片或视频。',
  'intro.step2': '点击“分析”：先实时显示模型的思考，再显示回答。',
  'intro.step3': '随时可以停止，已收到的内容会保留。',
  'task.label': '任务',
  'media.add': '添加图片或视频',
  'media.takePhoto': '拍照',
  'media.hint': '选择照片或视频，拖放到这里，或直接粘贴。照片在上传前于浏览器中缩放；视频的帧由服务器抽取。',
  'question.label': '问题',
  'question.placeholderRequired': '希望模型关注什么？',
  'question.placeholderOptional': '还有要补充的吗？（可选）',
  'question.hintRequired': '“{task}”需要填写问题。',
  'question.hintOptional': '可选：任务本身已经告诉模型要做什么。',
  'question.thisTask': '此任务',
  'model.label': '模型',
  'model.demoNotice': '演示模型：连接真实模型才能分析你的媒体',
  'action.analyze': '分析',
  'action.stop': '停止',
  'thinking.label': '思考',
  'thinking.active': '思考中…',
  'thinking.cutShort': '思考（已中断）',
  'thinking.thoughtFor': '思考了 {seconds}',
  'thinking.tokens': ' · {count} 个 token',
  'thinking.thought': '已思考',
  'thinking.waitingModel': '等待模型…',
  'thinking.preparing': '正在准备媒体…',
  'thinking.none': '模型没有展示思考过程',
  'answer.label': '回答',
  'answer.waiting': '思考结束后给出回答。',
  'answer.stopped': '已停止。已收到的内容会保留。',
  'run.reconnecting': '连接中断，正在重新连接…',
  'run.reconnected': '已重新连接：分析在断线期间继续进行，没有遗漏任何内容。',
  'run.reattached': '页面重新加载后已接续这次分析。',
  'run.interrupted': '已中断：分析进行时页面关闭了，服务器上已没有这次分析。',
  'answer.copy': '复制',
  'answer.copied': '已复制',
  'answer.copyFailed': '复制失败',
  'error.retry': '重试',
  'error.dismiss': '关闭错误提示',
  'model.badge.always': '始终思考',
  'model.badge.optional': '可选思考',
  'model.badge.hidden': '思考不公开',
  'model.badge.none': '不思考',
  'model.badge.budget': '预算',
  'model.badge.video': '视频',
  'model.badges': '{model} 的能力',
  'budget.label': '思考预算',
  'budget.off': '关闭（默认）',
  'budget.presets': '预算预设',
  'budget.value': '{count} 个 token',
  'budget.range': '{min}–{max} 个 token',
  'budget.used': '思考预算 {budget} 个 token · 已用 {used}',
  'budget.thinkLonger': '再多想想（{budget}）',
  'summary.time': '用时',
  'summary.input': '输入',
  'summary.output': '输出',
  'summary.reasoning': '推理',
  'summary.tokens': '{count} 个 token',
  'summary.result': '结果',
  'summary.note.length': '回答因达到 token 上限而被截断。',
  'summary.note.budget': '思考预算已用完，模型根据已有的思考作答。',
  'summary.note.content_filter': '服务商过滤了输出内容。',
  'summary.note.error': '模型报告了错误。',
  'media.original': '原图',
  'media.sent': '发送',
  'media.tokens': 'Token 数',
  'media.cost': '费用',
  'media.upload': '上传',
  'media.total': '合计',
  'media.totalLabel': '全部媒体合计',
  'media.remove': '移除 {name}',
  'media.removeTitle': '移除',
  'media.reading': '读取中…',
  'media.sampling': '正在抽取帧…',
  'media.duration': '时长',
  'media.frames': '帧数',
  'history.label': '历史',
  'history.empty': '完成的分析会保存在这里（仅在此浏览器中）。',
  'history.unavailable': '此浏览器无法保存历史。',
  'history.open': '打开',
  'history.exportMarkdown': 'Markdown',
  'history.exportMarkdownLabel': '将 {run} 导出为 Markdown',
  'history.exportJSON': 'JSON',
  'history.exportJSONLabel': '将 {run} 导出为 JSON',
  'history.delete': '删除',
  'history.deleteLabel': '删除 {run}',
  'history.viewing': '已保存的分析（{time}）：{task}，模型 {model}。',
  'history.close': '返回演示台',
  'history.status.finished': '已完成',
  'history.status.stopped': '已停止',
  'history.status.failed': '失败',
  'history.status.running': '进行中',
  'history.status.interrupted': '已中断',
  'history.media': '该次分析的媒体',
  'compare.toggle': '对比两次运行',
  'compare.secondModel': '第二个模型',
  'compare.secondBudget': '第二个思考预算',
  'compare.results': '对比结果',
  'compare.run': '运行 {run}',
  'compare.thinking': '思考（{run}）',
  'compare.answer': '回答（{run}）',
  'compare.noBudget': '无预算',
};

/** Both dictionaries, by locale. */
export const messages: Record<Locale, Record<MessageKey, string>> = { en, zh };

/**
 * The string for `key` in `locale`, with each `{name}` replaced by `values[name]`.
 *
 * @example
 * translate('zh', 'question.hintRequired', { task: '数字规律' }); // '“数字规律”需要填写问题。'
 */
export function translate(
  locale: Locale,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  return messages[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** A `translate` bound to one locale. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** `'zh'` for a Chinese language tag (`zh`, `zh-CN`, `zh-Hant-TW`), `'en'` for anything else. */
export function localeOfLanguage(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * The interface language to start with: the one the person chose before (if it is one we have), else
 * the browser's language.
 */
export function initialLocale(
  stored: string | null | undefined,
  browserLanguage: string | undefined,
): Locale {
  if (stored === 'en' || stored === 'zh') return stored;
  return localeOfLanguage(browserLanguage);
}

/** The `lang` attribute for the page in a locale. */
export function htmlLang(locale: Locale): string {
  return locale === 'zh' ? 'zh-CN' : 'en';
}
