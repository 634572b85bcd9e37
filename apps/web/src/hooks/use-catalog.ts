import { SeerError, type TemplateDescription } from '@seer/core';
import { useCallback, useEffect, useState } from 'react';
import { fetchModels, fetchTemplates, type ModelSummary } from '../api/seer-api';
import { readAccessToken, saveAccessToken } from '../lib/access-token';
import type { RunError } from './use-analysis';

/** What the playground needs from the server before it can run anything, and what it starts with. */
export interface Catalog {
  templates: TemplateDescription[];
  models: ModelSummary[];
  /** The task chosen at first: the first listed ('' when none is). */
  defaultTemplateId: string;
  /** The model chosen at first: the server's default, else the first listed ('' when none is). */
  defaultModelId: string;
}

/** What `useCatalog` gives a component. */
export interface CatalogLoad {
  /** Undefined until the tasks and models are loaded. */
  catalog: Catalog | undefined;
  /** Why they could not be loaded. */
  loadError: RunError | undefined;
  /** Set when the server wants a bearer token (`SEER_AUTH_TOKENS`): whether one was already refused. */
  tokenNeeded: { wasRefused: boolean } | undefined;
  /** Keeps the token for this tab and loads again with it. */
  applyToken: (token: string) => void;
}

/** The server's tasks and models, loaded once the playground opens, and again once a token is given. */
export function useCatalog(): CatalogLoad {
  const [catalog, setCatalog] = useState<Catalog>();
  const [loadError, setLoadError] = useState<RunError>();
  const [tokenNeeded, setTokenNeeded] = useState<{ wasRefused: boolean }>();
  const [attempt, setAttempt] = useState(0);

  // Each attempt loads again: the first, and one after each token given.
  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchTemplates(controller.signal), fetchModels(controller.signal)])
      .then(([templates, models]) => {
        const defaultModel = models.find((model) => model.default) ?? models[0];
        setCatalog({
          templates,
          models,
          defaultTemplateId: templates[0]?.id ?? '',
          defaultModelId: defaultModel?.id ?? '',
        });
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
  }, [attempt]);

  const applyToken = useCallback((token: string) => {
    saveAccessToken(token);
    setTokenNeeded(undefined);
    setAttempt((previous) => previous + 1);
  }, []);

  return { catalog, loadError, tokenNeeded, applyToken };
}
