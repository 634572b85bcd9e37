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
import { describeMediaProblem } from './lib/describe-media-problem';
import { planMedia } from './lib/plan-media';

/** What the playground needs from the server before it can run anything. */
interface Catalog {
  templates: TemplateDescription[];
  models: ModelSummary[];
}

/**
 * The playground: pick a task, add photos or a video, ask, pick a model, and watch the thinking and the
 * answer stream in.
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
  // The media problem that stopped the last Analyze; it shows until the media or the task change.
  const [blockingProblem, setBlockingProblem] = useState<string>();
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

  // A pasted image or video is added like a picked one; pasted text still goes where it was pasted.
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
  const videoCount = items.filter((item) => item.kind === 'video').length;
  const mediaProblem = template
    ? describeMediaProblem(template.title.en, template.media, {
        image: items.length - videoCount,
        video: videoCount,
      })
    : undefined;
  // Once the media or the task change, an old refusal no longer applies, even if the same problem returns.
  useEffect(() => {
    if (blockingProblem !== undefined && blockingProblem !== mediaProblem) setBlockingProblem(undefined);
  }, [blockingProblem, mediaProblem]);
  const blockingError = useMemo<RunError | undefined>(
    () =>
      blockingProblem === undefined
        ? undefined
        : { code: 'invalid_request', message: blockingProblem, isRetryable: false },
    [blockingProblem],
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!template || !model || isRunning) return;
    // The server would refuse these media for this task (400): say why without a round trip.
    if (mediaProblem) {
      setBlockingProblem(mediaProblem);
      setDismissedError(undefined);
      return;
    }
    setBlockingProblem(undefined);
    const trimmed = question.trim();
    // Files go in multipart: a 4 MB photo uploads as the small image it becomes, a video as it is.
    const input = media.prepareUploads(model).then((uploads): AnalysisInput => {
      const counters = { image: 0, video: 0 };
      const named = uploads.map(({ kind, file }) => ({ kind, file, field: `${kind}${counters[kind]++}` }));
      const request: AnalysisRequest = {
        template: template.id,
        locale: 'en',
        ...(trimmed ? { question: trimmed } : {}),
        media: named.map(({ kind, field }) => ({ type: kind, file: field })),
        model: model.id,
      };
      return { request, files: new Map(named.map(({ field, file }) => [field, file])) };
    });
    setLastInput(input);
    analysis.run(input);
  };

  const error = loadError ?? blockingError ?? state.error;
  // A request refused before its stream began has no thinking or answer to show: the banner says it all.
  const hasRunOutput = isRunning || state.start !== undefined;
  const isErrorShown = error !== undefined && error !== dismissedError;

  return (
    <div className="app">
      <header className="app-header">
        <img src="/favicon.svg" alt="" className="logo" width="32" height="32" />
        <div>
          <h1>Seer</h1>
          <p className="tagline">Show a thinking model your photos or a video, and watch it reason.</p>
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
                refusal={media.refusal}
                problem={items.length > 0 || blockingError ? mediaProblem : undefined}
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
                <li>Pick a task and add a photo or a video.</li>
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
