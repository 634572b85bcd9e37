import type { TemplateDescription } from '@seer/core';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { type AnalysisRequest, fetchModels, fetchTemplates, type ModelSummary } from './api/seer-api';
import { AnswerPanel } from './components/answer-panel';
import { ErrorBanner } from './components/error-banner';
import { MediaPicker } from './components/media-picker';
import { ModelPicker } from './components/model-picker';
import { TaskPicker } from './components/task-picker';
import { ThinkingPanel } from './components/thinking-panel';
import { type AnalysisInput, type RunError, useAnalysis } from './hooks/use-analysis';
import { useFileDrop } from './hooks/use-file-drop';
import { useMediaItems } from './hooks/use-media-items';
import { planMedia } from './lib/plan-media';

/** What the playground needs from the server before it can run anything. */
interface Catalog {
  templates: TemplateDescription[];
  models: ModelSummary[];
}

/**
 * The playground: pick a task, add images, ask, pick a model, and watch the thinking and the answer
 * stream in.
 */
export function App() {
  const questionId = useId();
  const questionHintId = useId();
  const [catalog, setCatalog] = useState<Catalog>();
  const [loadError, setLoadError] = useState<RunError>();
  const [templateId, setTemplateId] = useState('');
  const [modelId, setModelId] = useState('');
  const [question, setQuestion] = useState('');
  const [lastInput, setLastInput] = useState<Promise<AnalysisInput>>();
  const [dismissedError, setDismissedError] = useState<RunError>();
  const analysis = useAnalysis();
  const { state } = analysis;
  const isRunning = state.status === 'running';
  const model = catalog?.models.find((candidate) => candidate.id === modelId);
  const media = useMediaItems(model);
  const { items, add: addFiles } = media;
  const plan = useMemo(() => (model ? planMedia(items, model) : undefined), [items, model]);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchTemplates(controller.signal), fetchModels(controller.signal)])
      .then(([templates, models]) => {
        setCatalog({ templates, models });
        setTemplateId(templates[0]?.id ?? '');
        setModelId((models.find((model) => model.default) ?? models[0])?.id ?? '');
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const reason = error instanceof Error ? ` (${error.message})` : '';
        setLoadError({
          code: 'load_failed',
          message: `Seer could not load its tasks and models${reason}. Check that the API is running, then reload.`,
          isRetryable: false,
        });
      });
    return () => controller.abort();
  }, []);

  // A pasted image is added like a picked one; pasted text still goes where it was pasted.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      addFiles(files);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [addFiles]);

  const isDragging = useFileDrop(addFiles, !isRunning && catalog !== undefined);

  const template = catalog?.templates.find((candidate) => candidate.id === templateId);
  const isQuestionRequired = template?.inputs.question === 'required';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!template || !model || isRunning) return;
    const trimmed = question.trim();
    // Images go as the resized files, in multipart: a 4 MB photo uploads as the small image it becomes.
    const input = media.prepareUploads(model).then((uploads): AnalysisInput => {
      const request: AnalysisRequest = {
        template: template.id,
        locale: 'en',
        ...(trimmed ? { question: trimmed } : {}),
        media: uploads.map((_, index) => ({ type: 'image', file: `image${index}` })),
        model: model.id,
      };
      return { request, files: new Map(uploads.map((file, index) => [`image${index}`, file])) };
    });
    setLastInput(input);
    analysis.run(input);
  };

  const error = loadError ?? state.error;
  // A request refused before its stream began has no thinking or answer to show: the banner says it all.
  const hasRunOutput = isRunning || state.start !== undefined;
  const isErrorShown = error !== undefined && error !== dismissedError;

  return (
    <div className="app">
      <header className="app-header">
        <img src="/favicon.svg" alt="" className="logo" width="32" height="32" />
        <div>
          <h1>Seer</h1>
          <p className="tagline">Show a thinking model your photos, and watch it reason.</p>
        </div>
      </header>

      <main className="layout">
        <form className="panel controls" onSubmit={onSubmit} noValidate aria-label="Analysis">
          {catalog ? (
            <>
              <TaskPicker
                templates={catalog.templates}
                value={templateId}
                onChange={setTemplateId}
                disabled={isRunning}
              />
              <MediaPicker
                items={items}
                plan={plan}
                onAdd={addFiles}
                onRemove={media.remove}
                notice={media.notice}
                isDragging={isDragging}
                disabled={isRunning}
              />
              <div className="field">
                <label htmlFor={questionId} className="field-label">
                  Question
                </label>
                <textarea
                  id={questionId}
                  value={question}
                  onChange={(event) => setQuestion(event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                      event.currentTarget.form?.requestSubmit();
                    }
                  }}
                  rows={3}
                  aria-required={isQuestionRequired}
                  aria-describedby={questionHintId}
                  placeholder={
                    isQuestionRequired ? 'What should the model look for?' : 'Anything to add? (optional)'
                  }
                />
                <p id={questionHintId} className="field-hint">
                  {isQuestionRequired
                    ? `${template?.title.en ?? 'This task'} needs a question.`
                    : 'Optional: the task already tells the model what to do.'}
                </p>
              </div>
              <ModelPicker
                models={catalog.models}
                value={modelId}
                onChange={setModelId}
                disabled={isRunning}
              />
              <div className="actions">
                <button type="submit" className="button primary" disabled={isRunning || !template}>
                  Analyze
                </button>
                <button
                  type="button"
                  className="button secondary"
                  disabled={!isRunning}
                  onClick={analysis.stop}
                >
                  Stop
                </button>
              </div>
            </>
          ) : (
            <p className="panel-placeholder">{loadError ? 'The playground could not start.' : 'Loading…'}</p>
          )}
        </form>

        <div className="output">
          {isErrorShown ? (
            <ErrorBanner
              error={error}
              onRetry={lastInput && !loadError ? () => analysis.run(lastInput) : undefined}
              onDismiss={() => setDismissedError(error)}
            />
          ) : null}
          {hasRunOutput ? (
            <>
              <ThinkingPanel state={state} thinking={analysis.thinking} />
              <AnswerPanel state={state} answer={analysis.answer} />
            </>
          ) : (
            <div className="panel intro">
              <h2 className="panel-title">How it works</h2>
              <ol>
                <li>Pick a task and add a photo.</li>
                <li>Press Analyze: the model's thinking streams in first, then its answer.</li>
                <li>Stop at any time; what arrived is kept.</li>
              </ol>
            </div>
          )}
        </div>
      </main>
    </div>
  );
}
