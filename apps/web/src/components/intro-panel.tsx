import { useT } from '../hooks/use-locale';

/** Before any run: how the playground works, in three steps. */
export function IntroPanel() {
  const t = useT();
  return (
    <div className="panel intro">
      <h2 className="panel-title">{t('intro.title')}</h2>
      <ol>
        <li>{t('intro.step1')}</li>
        <li>{t('intro.step2')}</li>
        <li>{t('intro.step3')}</li>
      </ol>
    </div>
  );
}
