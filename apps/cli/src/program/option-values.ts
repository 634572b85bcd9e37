import { InvalidArgumentError } from 'commander';

/** Reads `--budget`: a whole number of tokens, at least 1. */
export function parseTokens(value: string): number {
  const tokens = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(tokens) || tokens < 1) {
    throw new InvalidArgumentError('it must be a whole number of tokens, at least 1.');
  }
  return tokens;
}

/** A reader for an option that takes a whole number above 0; `name` is the option, for its message. */
export function parsePositive(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0)
      throw new InvalidArgumentError(`${name} takes a whole number above 0.`);
    return number;
  };
}

/** Reads `--temperature`: a number from 0 to 2. */
export function parseTemperature(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 2)
    throw new InvalidArgumentError('--temperature takes a number from 0 to 2.');
  return number;
}
