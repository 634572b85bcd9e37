import { describe, expect, it } from 'vitest';
import { loadConfig } from '../models/config';
import { describeModel } from '../models/presets';
import { listTemplates } from '../templates/registry';
import { listModelEntries } from './model-entries';

const config = loadConfig({ DASHSCOPE_API_KEY: 'k' });

describe('listModelEntries', () => {
  it("lists each model in OpenAI's form, followed by its tasks", () => {
    const info = describeModel(
      config.models.find((endpoint) => endpoint.preset.id === 'qvq-max')!.preset,
      true,
    );
    const entries = listModelEntries([info], listTemplates(), 1700000000);
    expect(entries).toHaveLength(1 + listTemplates().length);
    expect(entries[0]).toMatchObject({
      id: 'qvq-max',
      object: 'model',
      created: 1700000000,
      owned_by: 'dashscope',
      default: true,
    });
    expect(entries[1]).toMatchObject({
      id: 'qvq-max/palm-reading',
      task: 'palm-reading',
      model: 'qvq-max',
      family: 'qwen2.5-vl',
    });
    expect(entries[1]).not.toHaveProperty('default');
  });
});
