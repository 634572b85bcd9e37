import type { TemplateDescription } from '@seer/core';
import { type FormEvent, startTransition, useCallback, useMemo, useState } from 'react';
import type { ModelSummary } from './api/seer-api';
import { AccessTokenForm } from './components/access-token-form';
import { AppHeader } from './components/app-header';
import { CompareColumn, type ComparedRun } from './components/compare-column';
import { CompareToggle } from './components/compare-toggle';
import { ErrorBanner } from './components/error-banner';
import { HistoryPanel } from './components/history-panel';
import { IntroPanel } from './components/intro-panel';
import { MediaPicker } from './components/media-picker';
import { ModelChoice } from './components/model-choice';
import { QuestionField } from './components/question-field';
import { SavedRunView } from './components/saved-run-view';
import { SingleRunView } from './components/single-run-view';
import { TaskPicker } from './components/task-picker';
import type { RunError } from './hooks/use-analysis';
import { useCatalog } from './hooks/use-catalog';
import { useFileDrop } from './hooks/use-file-drop';
import { useFilePaste } from './hooks/use-file-paste';
import { useHistory } from './hooks/use-history';
import { useHistorySaving } from './hooks/use-history-saving';
import { LocaleContext, useLocaleState } from './hooks/use-locale';
import { useMediaItems } from './hooks/use-media-items';
import { useMediaProblem } from './hooks/use-media-problem';
import { useRunPictures } from './hooks/use-run-pictures';
import { useRunRecovery } from './hooks/use-run-recovery';
import { useRunSlot } from './hooks/use-run-slot';
import { buildAnalysisInput } from './lib/build-analysis-input';
import type { HistoryRun } from './lib/history';
import { type MessageKey, translate } from './lib/i18n';
import { planMedia } from './lib/plan-media';
import { picturesFromHistory } from './lib/run-pictures';

/**
 * The playground: pick a task, add photos or a video, ask, pick a model, and watch the thinking and the
 * answer stream in.
 */
export function App() {
  const { locale, setLocale } = useLocaleState();
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values);
  const { catalog, loadError, tokenNeeded, applyToken } = useCatalog();
  const [chosenTemplateId, setTemplateId] = useState<string>();
  const templateId = chosenTemplateId ?? catalog?.defaultTemplateId ?? '';
  const template = catalog?.templates.find((candidate) => candidate.id === templateId);
  const [question, setQuestion] = useState('');
  const runA = useRunSlot(catalog?.models, catalog?.defaultModelId);
  // Compare mode: a second run (B) of the same media and task on another model or budget, at once.
  const runB = useRunSlot(catalog?.models, catalog?.defaultModelId);
  const [isCompareOn, setCompareOn] = useState(false);
  // What the two columns of the last compared run show (their models and budgets); unset for a single run.
  const [comparedRuns, setComparedRuns] = useState<[ComparedRun, ComparedRun]>();
  const stateA = runA.analysis.state;
  const stateB = runB.analysis.state;
  const isRunning = stateA.status === 'running' || stateB.status === 'running';
  const [dismissedError, setDismissedError] = useState<RunError>();
  const history = useHistory();
  const { noteRun, noteRunAgain, noteResumed } = useHistorySaving(runA.analysis, history.save);
  // A saved run reopened from History, shown read-only in the Thinking and Answer regions.
  const [reopened, setReopened] = useState<HistoryRun>();
  // What the latest run was asked about, to draw the places the model marks on.
  const runPictures = useRunPictures();
  const { adopt: adoptPictures } = runPictures;
  // The pictures of a run found again after a reload went with the page: it draws on its saved previews.
  const resume = useCallback(
    (run: HistoryRun) => {
      noteResumed(run);
      adoptPictures(picturesFromHistory(run.media));
    },
    [noteResumed, adoptPictures],
  );
  useRunRecovery({
    history,
    analysis: runA.analysis,
    noteResumed: resume,
    isReady: catalog !== undefined,
    onInterrupted: setReopened,
  });
  const media = useMediaItems(runA.model);
  const { items, add: addFiles } = media;
  const plan = useMemo(() => (runA.model ? planMedia(items, runA.model) : undefined), [items, runA.model]);
  const mediaCheck = useMediaProblem(template, items, locale);
  useFilePaste(addFiles);
  const isDragging = useFileDrop(addFiles, !isRunning && catalog !== undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const model = runA.model;
    if (!template || !model || isRunning) return;
    // The server would refuse these media for this task (400): say why without a round trip.
    if (mediaCheck.problem) {
      mediaCheck.block();
      setDismissedError(undefined);
      return;
    }
    // Starting a run re-renders most of the page (the regions, the controls, Stop): as a transition React
    // renders it in slices it can interrupt, rather than all inside the click's task.
    startTransition(() => startRun(template, model));
  };

  const startRun = (template: TemplateDescription, model: ModelSummary) => {
    mediaCheck.unblock();
    setReopened(undefined);
    noteRun({ template, model, locale, question, items });
    // Files go in multipart: a photo uploads as the small image it becomes, a video as it is.
    const itemsAsked = items;
    let isCaptured = false;
    const inputFor = (runModel: ModelSummary, budget: number | undefined) =>
      media.prepareUploads(runModel).then((uploads) => {
        // Compare mode prepares the uploads twice: the pictures of the first are the run's.
        if (!isCaptured) runPictures.capture(itemsAsked, uploads);
        isCaptured = true;
        return buildAnalysisInput(
          { templateId: template.id, locale, question, modelId: runModel.id, budget },
          uploads,
        );
      });
    runA.start(inputFor);
    const modelB = runB.model;
    if (!isCompareOn || !modelB) {
      setComparedRuns(undefined);
      return;
    }
    setComparedRuns([
      { run: 'A', model: model.label, ...(runA.budget !== undefined ? { budget: runA.budget } : {}) },
      { run: 'B', model: modelB.label, ...(runB.budget !== undefined ? { budget: runB.budget } : {}) },
    ]);
    runB.start(inputFor);
  };

  const stopAll = () => {
    runA.analysis.stop();
    runB.analysis.stop();
  };

  // "Think longer": the last run again, with twice its thinking budget (within the model's range).
  const thinkLonger = () => {
    if (isRunning || runA.longerBudget === undefined) return;
    noteRunAgain();
    setReopened(undefined);
    setComparedRuns(undefined);
    runA.thinkLonger();
  };

  const error =
    loadError ?? mediaCheck.blockingError ?? stateA.error ?? (comparedRuns ? stateB.error : undefined);
  const retry = () => {
    if (!comparedRuns || stateA.status === 'failed') runA.retry();
    if (comparedRuns && stateB.status === 'failed') runB.retry();
  };
  // A request refused before its stream began has no thinking or answer to show: the banner says it all.
  const hasRunOutput =
    isRunning || stateA.start !== undefined || (comparedRuns && stateB.start !== undefined);
  const isErrorShown = error !== undefined && error !== dismissedError;
  const liveId = stateA.status === 'running' ? stateA.start?.id : undefined;
  // The pictures captured as run A started are that run's (not an earlier one's, nor a reopened one's).
  const picturesOf = (run: HistoryRun) =>
    runPictures.areCaptured && run.id === stateA.start?.id ? runPictures.pictures : undefined;

  return (
    <LocaleContext.Provider value={locale}>
      <div className="app">
        <AppHeader locale={locale} onLocaleChange={setLocale} />

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
                  problem={items.length > 0 || mediaCheck.blockingError ? mediaCheck.problem : undefined}
                  isDragging={isDragging}
                  disabled={isRunning}
                />
                <QuestionField
                  value={question}
                  onChange={setQuestion}
                  isRequired={template?.inputs.question === 'required'}
                  taskTitle={template?.title[locale]}
                />
                <ModelChoice models={catalog.models} slot={runA} disabled={isRunning} />
                <CompareToggle isOn={isCompareOn} onChange={setCompareOn} disabled={isRunning} />
                {isCompareOn ? (
                  <ModelChoice
                    models={catalog.models}
                    slot={runB}
                    disabled={isRunning}
                    labels={{ model: t('compare.secondModel'), budget: t('compare.secondBudget') }}
                  />
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
                onRetry={runA.hasRun && !loadError ? retry : undefined}
                onDismiss={() => setDismissedError(error)}
              />
            ) : null}
            {reopened ? (
              <SavedRunView run={reopened} locale={locale} onClose={() => setReopened(undefined)} />
            ) : hasRunOutput && comparedRuns ? (
              <section className="compare" aria-label={t('compare.results')}>
                <CompareColumn
                  run={comparedRuns[0]}
                  analysis={runA.analysis}
                  pictures={runPictures.pictures}
                />
                <CompareColumn
                  run={comparedRuns[1]}
                  analysis={runB.analysis}
                  pictures={runPictures.pictures}
                />
              </section>
            ) : hasRunOutput ? (
              <SingleRunView slot={runA} onThinkLonger={thinkLonger} pictures={runPictures.pictures} />
            ) : (
              <IntroPanel />
            )}
            <HistoryPanel
              runs={history.runs}
              locale={locale}
              isAvailable={history.isAvailable}
              openId={reopened?.id}
              liveId={liveId}
              picturesOf={picturesOf}
              // The run this page is reading is shown live, not as it was saved when it started.
              onOpen={(run) => setReopened(run.id === liveId ? undefined : run)}
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
