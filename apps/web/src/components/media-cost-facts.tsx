import { useT } from '../hooks/use-locale';
import { formatCount, formatUSD } from '../lib/format';

/** The Tokens and (where the model has prices) Cost facts of one media item, inside its `<dl>`. */
export function MediaCostFacts({
  tokens,
  cost,
}: {
  tokens: number;
  cost?: { inputUSD: number } | undefined;
}) {
  const t = useT();
  return (
    <>
      <div>
        <dt>{t('media.tokens')}</dt>
        <dd>{formatCount(tokens)}</dd>
      </div>
      {cost ? (
        <div>
          <dt>{t('media.cost')}</dt>
          <dd>{formatUSD(cost.inputUSD)}</dd>
        </div>
      ) : null}
    </>
  );
}
