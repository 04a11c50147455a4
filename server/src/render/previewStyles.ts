// The preview's stylesheet (media/preview.css) for a page: read beside the
// bundle (server/out/ → media/), where the .vsix and a checkout both have it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function previewStyles(): string {
  return readFileSync(join(__dirname, '../../media/preview.css'), 'utf8');
}
