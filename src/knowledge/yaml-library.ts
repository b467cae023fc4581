import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let library: typeof Yaml | undefined;

/**
 * The `yaml` package, loaded on first use rather than with the core: a start
 * that reads the knowledge from its cache (see knowledge-cache.ts) never
 * parses YAML, and loading the parser was a tenth of a one-shot answer's time.
 * Required, not imported, so that loading stays synchronous; Node resolves
 * `yaml` to the same CommonJS build either way.
 */
export function yamlLibrary(): typeof Yaml {
  library ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return library;
}
