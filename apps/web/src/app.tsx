import { SeerError, type TemplateDescription } from '@seer/core';
import { type FormEvent, startTransition, useEffect, useId, useMemo, useRef, useState } from 'react';
import { type AnalysisRequest, fetchModels, fetchTemplates, type ModelSummary } from './api/seer-api';
import { AccessTokenForm } from './components/access-token-form';
import { AnswerPanel } from './components/answer-panel';
import { BudgetOutcome } from './components/budget-outcome';
import { CompareColumn, type ComparedRun } from './components/compare-column';
import { ErrorBanner } from './components/error-banner';
import { HistoryBanner } from './components/history-banner';
import { HistoryPanel } from './components/history-panel';
import { LanguageToggle } from './components/language-toggle';
import { MediaPicker } from './components/media-picker';
import { ModelPicker } from './components/model-picker';
import { TaskPicker } from './components/task-picker';
import { ThinkingBudget } from './components/thinking-budget';
import { ThinkingPanel } from './components/thinking-panel';
import { type AnalysisInput, type RunError, useAnalysis } from './hooks/use-analysis';
import { useFileDrop } from './hooks/use-file-drop';
import { useHistory } from './hooks/use-history';
import { LocaleContext, useLocaleState } from './hooks/use-locale';
import { useMediaItems } from './hooks/use-media-items';
import { readAccessToken, saveAccessToken } from './lib/access-token';
import { describeMediaProblem } from './lib/describe-media-problem';
import type { HistoryRun } from './lib/history';
import { type RunRequestNote, toHistoryRun, toRunState } from './lib/history-record';
import { makeThumbnail } from './lib/history-thumbnail';
import { type MessageKey, translate } from './lib/i18n';
import { LiveText } from './lib/live-text';
import { countMedia } from './lib/media-words';
import { planMedia } from './lib/plan-media';
import { type BudgetRange, budgetRange, clampBudget, thinkLongerBudget } from './lib/thinking-budget';

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
  /** Set when the server wants a bearer token (`SEER_AUTH_TOKENS`): whether one was already refused. */
  const [tokenNeeded, setTokenNeeded] = useState<{ wasRefused: boolean }>();
  const [catalogAttempt, setCatalogAttempt] = useState(0);
  const [templateId, setTemplateId] = useState('');
  const [modelId, setModelId] = useState('');
  const [question, setQuestion] = useState('');
  // The thinking budget chosen with the slider; `undefined` is "Off (default)". Kept across models,
  // clamped to the chosen one's range.
  const [chosenBudget, setChosenBudget] = useState<number>();
  // The budget the current run was given, and the range it was chosen in, for "Think longer".
  const [runBudget, setRunBudget] = useState<{ budget: number; range: BudgetRange }>();
  const [lastInput, setLastInput] = useState<Promise<AnalysisInput>>();
  const [dismissedError, setDismissedError] = useState<RunError>();
  // The media problem that stopped the last Analyze; it shows until the media or the task change.
  const [blockingProblem, setBlockingProblem] = useState<string>();
  const analysis = useAnalysis();
  const { state } = analysis;
  // Compare mode: a second run (B) of the same media and task on another model or budget, at once.
  const compareId = useId();
  const [isCompareOn, setCompareOn] = useState(false);
  const [modelIdB, setModelIdB] = useState('');
  const [chosenBudgetB, setChosenBudgetB] = useState<number>();
  const analysisB = useAnalysis();
  const stateB = analysisB.state;
  // What the two columns of the last compared run show (their models and budgets); unset for a single run.
  const [comparedRuns, setComparedRuns] = useState<[ComparedRun, ComparedRun]>();
  const [lastInputB, setLastInputB] = useState<Promise<AnalysisInput>>();
  const { locale, setLocale } = useLocaleState();
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values);
  const history = useHistory();
  // A saved run reopened from History, shown read-only in the Thinking and Answer regions.
  const [reopened, setReopened] = useState<HistoryRun>();
  const reopenedView = useMemo(() => {
    if (!reopened) return undefined;
    const thinking = new LiveText();
    const answer = new LiveText();
    thinking.append(reopened.reasoning);
    thinking.flush();
    answer.append(reopened.answer);
    answer.flush();
    return { state: toRunState(reopened), thinking, answer };
  }, [reopened]);
  // What the current run asked, noted at Analyze (previews are made small meanwhile), for the history.
  const runNoteRef = useRef<Promise<RunRequestNote>>(undefined);
  const previousStatusRef = useRef(state.status);
  const isRunning = state.status === 'running' || stateB.status === 'running';
  const model = catalog?.models.find((candidate) => candidate.id === modelId);
  const modelB = catalog?.models.find((candidate) => candidate.id === modelIdB);
  const rangeB = budgetRange(modelB?.budget);
  const budgetB = rangeB && chosenBudgetB !== undefined ? clampBudget(chosenBudgetB, rangeB) : undefined;
  const media = useMediaItems(model);
  const { items, add: addFiles } = media;
  const plan = useMemo(() => (model ? planMedia(items, model) : undefined), [items, model]);
  const range = budgetRange(model?.budget);
  const budget = range && chosenBudget !== undefined ? clampBudget(chosenBudget, range) : undefined;

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchTemplates(controller.signal), fetchModels(controller.signal)])
      .then(([templates, models]) => {
        setCatalog({ templates, models });
        setTemplateId(templates[0]?.id ?? '');
        const first = (models.find((model) => model.default) ?? models[0])?.id ?? '';
        setModelId(first);
        setModelIdB(first);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (SeerError.isInstance(error) && error.code === 'unauthorized') {
          setTokenNeeded({ wasRefused: readAccessToken() !== undefined });
          return;
        }
        const reason = error instanceof Error ? ` (${error.message})` : '';
        setLoadError({
          code: 'load_failed',
          message: `Seer could not load its tasks and models${reason}. Check that the API is running, then reload.`,
          isRetryable: false,
        });
      });
    return () => controller.abort();
  }, [catalogAttempt]);

  const applyToken = (token: string) => {
    saveAccessToken(token);
    setTokenNeeded(undefined);
    setCatalogAttempt((attempt) => attempt + 1);
  };

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

  // Every run that ends (finished, stopped or failed) is saved to the history, with what it was asked.
  const { save: saveToHistory } = history;
  useEffect(() => {
    const wasRunning = previousStatusRef.current === 'running';
    previousStatusRef.current = state.status;
    const note = runNoteRef.current;
    if (!wasRunning || state.status === 'running' || !note) return;
    const reasoning = analysis.thinking.value;
    const answer = analysis.answer.value;
    void note.then((resolved) => {
      const run = toHistoryRun(resolved, state, reasoning, answer, `local-${resolved.createdAt}`);
      if (run) return saveToHistory(run);
    });
  }, [state, analysis.thinking, analysis.answer, saveToHistory]);

  const template = catalog?.templates.find((candidate) => candidate.id === templateId);
  const isQuestionRequired = template?.inputs.question === 'required';
  const mediaProblem = template ? describeMediaProblem(template, countMedia(items), locale) : undefined;
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
    // Starting a run re-renders most of the page (the regions, the controls, Stop): as a transition React
    // renders it in slices it can interrupt, rather than all inside the click's task.
    startTransition(() => startRun(template, model));
  };

  const startRun = (template: TemplateDescription, model: ModelSummary) => {
    setBlockingProblem(undefined);
    setReopened(undefined);
    const trimmed = question.trim();
    const createdAt = Date.now();
    runNoteRef.current = Promise.all(
      items.map(async (item) => ({
        name: item.name,
        kind: item.kind,
        bytes: item.file.size,
        ...(item.source ? { width: item.source.width, height: item.source.height } : {}),
        ...(item.video ? { durationSeconds: item.video.durationSeconds } : {}),
        thumbnail: await makeThumbnail(item.previewURL ?? item.video?.urls[0]),
      })),
    ).then((media) => ({
      createdAt,
      template: { id: template.id, title: { ...template.title } },
      model: { id: model.id, label: model.label },
      locale,
      uiLocale: locale,
      ...(trimmed ? { question: trimmed } : {}),
      media,
    }));
    // Files go in multipart: a 4 MB photo uploads as the small image it becomes, a video as it is.
    const inputFor = (runModel: ModelSummary, runBudget: number | undefined) =>
      media.prepareUploads(runModel).then((uploads): AnalysisInput => {
        const counters = { image: 0, video: 0 };
        const named = uploads.map(({ kind, file }) => ({ kind, file, field: `${kind}${counters[kind]++}` }));
        const request: AnalysisRequest = {
          template: template.id,
          locale,
          ...(trimmed ? { question: trimmed } : {}),
          media: named.map(({ kind, field }) => ({ type: kind, file: field })),
          model: runModel.id,
          ...(runBudget !== undefined ? { thinking: { budget: runBudget } } : {}),
        };
        return { request, files: new Map(named.map(({ field, file }) => [field, file])) };
      });
    const input = inputFor(model, budget);
    setLastInput(input);
    setRunBudget(range && budget !== undefined ? { budget, range } : undefined);
    if (isCompareOn && modelB) {
      const inputB = inputFor(modelB, budgetB);
      setLastInputB(inputB);
      setComparedRuns([
        { run: 'A', model: model.label, ...(budget !== undefined ? { budget } : {}) },
        { run: 'B', model: modelB.label, ...(budgetB !== undefined ? { budget: budgetB } : {}) },
      ]);
      analysis.run(input);
      analysisB.run(inputB);
    } else {
      setComparedRuns(undefined);
      setLastInputB(undefined);
      analysis.run(input);
    }
  };

  const stopAll = () => {
    analysis.stop();
    analysisB.stop();
  };

  // "Think longer": the last run again, with twice its thinking budget (within the model's range).
  const longerBudget =
    runBudget && state.finish?.finishReason === 'budget'
      ? thinkLongerBudget(runBudget.budget, runBudget.range)
      : undefined;
  const thinkLonger = () => {
    if (!lastInput || !runBudget || longerBudget === undefined || isRunning) return;
    const input = lastInput.then(
      (previous): AnalysisInput => ({
        ...previous,
        request: { ...previous.request, thinking: { budget: longerBudget } },
      }),
    );
    const note = runNoteRef.current;
    if (note) runNoteRef.current = note.then((resolved) => ({ ...resolved, createdAt: Date.now() }));
    setChosenBudget(longerBudget);
    setLastInput(input);
    setRunBudget({ budget: longerBudget, range: runBudget.range });
    setReopened(undefined);
    setComparedRuns(undefined);
    setLastInputB(undefined);
    analysis.run(input);
  };

  const error = loadError ?? blockingError ?? state.error ?? (comparedRuns ? stateB.error : undefined);
  const retry = () => {
    if (lastInput && (!comparedRuns || state.status === 'failed')) analysis.run(lastInput);
    if (comparedRuns && lastInputB && stateB.status === 'failed') analysisB.run(lastInputB);
  };
  // A request refused before its stream began has no thinking or answer to show: the banner says it all.
  const hasRunOutput = isRunning || state.start !== undefined || (comparedRuns && stateB.start !== undefined);
  const isErrorShown = error !== undefined && error !== dismissedError;

  return (
    <LocaleContext.Provider value={locale}>
      <div className="app">
        <header className="app-header">
          <img src="/favicon.svg" alt="" className="logo" width="32" height="32" />
          <div>
            <h1>Seer</h1>
            <p className="tagline">{t('app.tagline')}</p>
          </div>
          <LanguageToggle value={locale} onChange={setLocale} />
        </header>

        <main className="layout">
          <form className="panel controls" onSubmit={onSubmit} noValidate aria-label={t('app.form')}>
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
                    {t('question.label')}
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
                    placeholder={t(
                      isQuestionRequired ? 'question.placeholderRequired' : 'question.placeholderOptional',
                    )}
                  />
                  <p id={questionHintId} className="field-hint">
                    {isQuestionRequired
                      ? t('question.hintRequired', {
                          task: template?.title[locale] ?? t('question.thisTask'),
                        })
                      : t('question.hintOptional')}
                  </p>
                </div>
                <ModelPicker
                  models={catalog.models}
                  value={modelId}
                  onChange={setModelId}
                  disabled={isRunning}
                />
                {range ? (
                  <ThinkingBudget
                    range={range}
                    value={budget}
                    onChange={setChosenBudget}
                    disabled={isRunning}
                  />
                ) : null}
                <div className="field compare-toggle">
                  <input
                    id={compareId}
                    type="checkbox"
                    checked={isCompareOn}
                    onChange={(event) => setCompareOn(event.target.checked)}
                    disabled={isRunning}
                  />
                  <label htmlFor={compareId}>{t('compare.toggle')}</label>
                </div>
                {isCompareOn ? (
                  <>
                    <ModelPicker
                      models={catalog.models}
                      value={modelIdB}
                      onChange={setModelIdB}
                      disabled={isRunning}
                      label={t('compare.secondModel')}
                    />
                    {rangeB ? (
                      <ThinkingBudget
                        range={rangeB}
                        value={budgetB}
                        onChange={setChosenBudgetB}
                        disabled={isRunning}
                        label={t('compare.secondBudget')}
                      />
                    ) : null}
                  </>
                ) : null}
                <div className="actions">
                  <button type="submit" className="button primary" disabled={isRunning || !template}>
                    {t('action.analyze')}
                  </button>
                  <button type="button" className="button secondary" disabled={!isRunning} onClick={stopAll}>
                    {t('action.stop')}
                  </button>
                </div>
              </>
            ) : tokenNeeded ? (
              <AccessTokenForm wasRefused={tokenNeeded.wasRefused} onSubmit={applyToken} />
            ) : (
              <p className="panel-placeholder">{t(loadError ? 'app.loadFailed' : 'app.loading')}</p>
            )}
          </form>

          <div className="output">
            {isErrorShown ? (
              <ErrorBanner
                error={error}
                onRetry={lastInput && !loadError ? retry : undefined}
                onDismiss={() => setDismissedError(error)}
              />
            ) : null}
            {reopened && reopenedView ? (
              <>
                <HistoryBanner run={reopened} locale={locale} onClose={() => setReopened(undefined)} />
                <ThinkingPanel
                  key={`thinking-${reopened.id}`}
                  state={reopenedView.state}
                  thinking={reopenedView.thinking}
                />
                <AnswerPanel
                  key={`answer-${reopened.id}`}
                  state={reopenedView.state}
                  answer={reopenedView.answer}
                />
              </>
            ) : hasRunOutput && comparedRuns ? (
              <section className="compare" aria-label={t('compare.results')}>
                <CompareColumn run={comparedRuns[0]} analysis={analysis} />
                <CompareColumn run={comparedRuns[1]} analysis={analysisB} />
              </section>
            ) : hasRunOutput ? (
              <>
                <ThinkingPanel state={state} thinking={analysis.thinking} />
                <AnswerPanel
                  state={state}
                  answer={analysis.answer}
                  footer={
                    runBudget && state.finish ? (
                      <BudgetOutcome
                        budget={runBudget.budget}
                        {...(state.finish.usage.reasoningTokens !== undefined
                          ? { used: state.finish.usage.reasoningTokens }
                          : {})}
                        {...(longerBudget !== undefined ? { longerBudget, onThinkLonger: thinkLonger } : {})}
                      />
                    ) : undefined
                  }
                />
              </>
            ) : (
              <div className="panel intro">
                <h2 className="panel-title">{t('intro.title')}</h2>
                <ol>
                  <li>{t('intro.step1')}</li>
                  <li>{t('intro.step2')}</li>
                  <li>{t('intro.step3')}</li>
                </ol>
              </div>
            )}
            <HistoryPanel
              runs={history.runs}
              locale={locale}
              isAvailable={history.isAvailable}
              openId={reopened?.id}
              onOpen={setReopened}
              onDelete={(run) => {
                if (reopened?.id === run.id) setReopened(undefined);
                void history.remove(run.id);
              }}
            />
          </div>
        </main>
      </div>
    </LocaleContext.Provider>
  );
}
