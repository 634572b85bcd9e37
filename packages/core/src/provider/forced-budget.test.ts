import { describe, expect, it } from 'vitest';
import { estimateTokens } from './forced-budget';

describe('estimateTokens', () => {
  it('counts a token per four Latin characters and one per CJK character', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('第三个数')).toBe(4);
    expect(estimateTokens('答案是 10')).toBe(3 + 1);
  });
});
