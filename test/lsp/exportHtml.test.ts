// "KL Lens: Export Note as HTML" asks the server (kl/exportHtml): the page of
// the note's current version, with the values its lenses show, as
// `kl-lens render` writes it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_HTML_REQUEST } from '../../server/src/lsp/klProtocol';
import { ensureBuilt, LspSession, ROOT } from './lspSession';

let session: LspSession;

beforeAll(async () => {
  ensureBuilt();
  session = await LspSession.start();
}, 60_000);

afterAll(async () => {
  await session.stop();
});

describe('the exported page of a note', () => {
  it('is the page kl-lens render writes for the same text, the document’s edits included', async () => {
    const uri = `file://${path.join(ROOT, 'examples/notes/cross-entropy.md')}`;
    const text = readFileSync(path.join(ROOT, 'examples/notes/cross-entropy.md'), 'utf8');
    session.open(uri, text);
    await session.diagnostics(uri);
    const exported = await session.request<{ html: string } | null>(EXPORT_HTML_REQUEST, { uri });
    const rendered = spawnSync(process.execPath, [path.join(ROOT, 'server/out/cli.js'), 'render', 'examples/notes/cross-entropy.md'], { cwd: ROOT, encoding: 'utf8' }).stdout;
    expect(exported?.html).toBe(rendered);
    // An edit the editor has not saved is in the page.
    session.edit(uri, [{ range: { start: session.positionOf(uri, 'KL(P || Q) ≈ 0.415'), end: session.positionAfter(uri, 'KL(P || Q) ≈ 0.415') }, text: 'KL(P || Q) ≈ 0.5' }]);
    await session.diagnostics(uri);
    const edited = await session.request<{ html: string } | null>(EXPORT_HTML_REQUEST, { uri });
    expect(edited?.html).toContain('<span class="kl-value kl-fail">✗ expected 0.5, got 0.41504</span>');
  });

  it('is null for a .kl file and for a document the server does not know', async () => {
    session.open('file:///export/x.kl', 'H([0.5, 0.5])\n');
    await session.diagnostics('file:///export/x.kl');
    expect(await session.request(EXPORT_HTML_REQUEST, { uri: 'file:///export/x.kl' })).toBeNull();
    expect(await session.request(EXPORT_HTML_REQUEST, { uri: 'file:///export/never.md' })).toBeNull();
  });
});
