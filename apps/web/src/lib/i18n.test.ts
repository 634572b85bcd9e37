import { describe, expect, test } from 'vitest';
import { htmlLang, initialLocale, localeOfLanguage, type MessageKey, messages, translate } from './i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the interface dictionary', () => {
  const keys = Object.keys(messages.en) as MessageKey[];

  test('has every key in both languages, none empty', () => {
    expect(Object.keys(messages.zh).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(messages.en[key].trim(), key).not.toBe('');
      expect(messages.zh[key].trim(), key).not.toBe('');
    }
  });

  test('takes the same values in both languages', () => {
    for (const key of keys)
      expect(placeholders(messages.zh[key]), key).toEqual(placeholders(messages.en[key]));
  });

  test('Chinese strings are Chinese, except those that are names', () => {
    const sameInBoth = new Set<MessageKey>(['app.language', 'history.exportMarkdown', 'history.exportJSON']);
    for (const key of keys) {
      if (sameInBoth.has(key)) continue;
      expect(messages.zh[key], key).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test('keeps the accessible names the tests rely on', () => {
    expect(translate('en', 'task.label')).toBe('Task');
    expect(translate('en', 'media.add')).toBe('Add images or video');
    expect(translate('en', 'action.analyze')).toBe('Analyze');
    expect(translate('en', 'action.stop')).toBe('Stop');
    expect(translate('en', 'thinking.label')).toBe('Thinking');
    expect(translate('en', 'answer.label')).toBe('Answer');
    expect(translate('en', 'question.label')).toBe('Question');
    expect(translate('en', 'model.label')).toBe('Model');
    expect(translate('zh', 'task.label')).toBe('任务');
    expect(translate('zh', 'media.add')).toBe('添加图片或视频');
    expect(translate('zh', 'action.analyze')).toBe('分析');
    expect(translate('zh', 'history.label')).toBe('历史');
  });

  test('fills in values and leaves unknown ones visible', () => {
    expect(translate('zh', 'question.hintRequired', { task: '数字规律' })).toBe('“数字规律”需要填写问题。');
    expect(translate('en', 'thinking.thoughtFor', { seconds: '12.3 s' })).toBe('Thought for 12.3 s');
    expect(translate('en', 'thinking.thoughtFor')).toBe('Thought for {seconds}');
  });
});

describe('the starting language', () => {
  test('follows the browser unless one was chosen', () => {
    expect(localeOfLanguage('zh-CN')).toBe('zh');
    expect(localeOfLanguage('zh-Hant-TW')).toBe('zh');
    expect(localeOfLanguage('en-GB')).toBe('en');
    expect(localeOfLanguage('ja')).toBe('en');
    expect(localeOfLanguage(undefined)).toBe('en');
    expect(initialLocale(null, 'zh-CN')).toBe('zh');
    expect(initialLocale('en', 'zh-CN')).toBe('en');
    expect(initialLocale('zh', 'en-US')).toBe('zh');
    expect(initialLocale('fr', 'en-US')).toBe('en');
  });

  test('sets the html lang', () => {
    expect(htmlLang('zh')).toBe('zh-CN');
    expect(htmlLang('en')).toBe('en');
  });
});
