// The preview's stylesheet (media/preview.css) for a page, read from the
// package beside the bundles: `serverOut` is the folder of server.js and
// cli.js (server/out/), where the .vsix and a checkout both have it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function previewStyles(serverOut: string): string {
  return readFileSync(join(serverOut, '../../media/preview.css'), 'utf8');
}
