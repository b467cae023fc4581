import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/processes.js';

const eslint = new ESLint({ cwd: repoRoot });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('the lint rules that keep the core pure', () => {
  it('reject a platform SDK, dotenv or an adapter imported into src/', async () => {
    for (const code of [
      "import { App } from '@slack/bolt';\nexport const a = App;\n",
      "import { Client } from 'discord.js';\nexport const c = Client;\n",
      "import 'dotenv/config';\n",
      "import { platforms } from '../adapters/platforms.js';\nexport const p = platforms;\n",
    ]) {
      expect(await ruleIdsFor(code, 'src/engine/example.ts'), code).toContain('no-restricted-imports');
    }
  });

  it('keep imports pointing down: loading never imports the engine, the engine never imports maintenance', async () => {
    const engineImport = "import { createAnswerer } from '../engine/create-answerer.js';\nexport const c = createAnswerer;\n";
    expect(await ruleIdsFor(engineImport, 'src/knowledge/example.ts')).toContain('no-restricted-imports');
    expect(await ruleIdsFor(engineImport, 'src/text/example.ts')).toContain('no-restricted-imports');
    expect(await ruleIdsFor(engineImport, 'src/maintenance/example.ts')).toEqual([]);
    const maintenanceImport = "import { lintKnowledge } from '../maintenance/lint-knowledge.js';\nexport const l = lintKnowledge;\n";
    expect(await ruleIdsFor(maintenanceImport, 'src/engine/example.ts')).toContain('no-restricted-imports');
    // The SDK rule still holds in the layered folders.
    expect(await ruleIdsFor("import { App } from '@slack/bolt';\nexport const a = App;\n", 'src/knowledge/example.ts')).toContain('no-restricted-imports');
  });

  it('reject process.env in src/', async () => {
    expect(await ruleIdsFor('export const token = process.env.SLACK_BOT_TOKEN;\n', 'src/engine/example.ts')).toContain('no-restricted-properties');
  });

  it('let adapters import the core entry point but not its internals', async () => {
    expect(await ruleIdsFor("import { createAnswerer } from '../../src/index.js';\nexport const c = createAnswerer;\n", 'adapters/cli/example.ts')).toEqual([]);
    expect(await ruleIdsFor("import { buildIndex } from '../../src/engine/create-answerer.js';\nexport const b = buildIndex;\n", 'adapters/cli/example.ts')).toContain(
      'no-restricted-imports',
    );
  });
});
