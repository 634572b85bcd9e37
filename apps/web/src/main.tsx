import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { warmUpMarkdown } from './lib/markdown-blocks';
import { warmUpAnswerFonts } from './lib/warm-up-fonts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// While the person picks a task and media, not in the first frames of the first answer.
warmUpMarkdown();
warmUpAnswerFonts();
