// The files load() reads in vscode.dev and github.dev, where the server has no
// file system: it asks (READ_FILE_REQUEST) and the client reads through
// workspace.fs, under the rules load() keeps on the desktop (docs/security.md):
// inside a workspace folder, no symbolic link on the way from the folder to
// the file (the server cannot resolve one), a regular file, at most the
// server's kl.limits.maxFileBytes, and nothing in an untrusted workspace.
import * as vscode from 'vscode';
import type { ReadFileAnswer } from '../../server/src/lsp/klProtocol';

export async function readWorkspaceFile(params: { uri?: unknown; maxBytes?: unknown } | undefined): Promise<ReadFileAnswer> {
  if (typeof params?.uri !== 'string' || typeof params.maxBytes !== 'number') return { problem: 'unreadable', detail: 'a malformed request' };
  if (!vscode.workspace.isTrusted) return { problem: 'denied', detail: 'the workspace is not trusted' };
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(params.uri, true);
  } catch {
    return { problem: 'unreadable', detail: 'a malformed URI' };
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return { problem: 'outside' };
  try {
    // Every folder below the workspace folder, then the file: none may be a link.
    const names = uri.path.slice(folder.uri.path.replace(/\/$/, '').length).split('/').filter((name) => name !== '');
    if (names.some((name) => name === '.' || name === '..')) return { problem: 'outside' };
    let stat: vscode.FileStat | undefined;
    for (let depth = 1; depth <= names.length; depth++) {
      stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, ...names.slice(0, depth)));
      if (stat.type & vscode.FileType.SymbolicLink) return { problem: 'outside' };
    }
    if (!stat || !(stat.type & vscode.FileType.File)) return { problem: 'not-a-file' };
    if (stat.size > params.maxBytes) return { problem: 'too-large' };
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > params.maxBytes) return { problem: 'too-large' };
    return { base64: base64Of(bytes), size: bytes.byteLength, modified: `${stat.mtime}:${bytes.byteLength}` };
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { problem: 'missing' };
    if (error instanceof vscode.FileSystemError && error.code === 'NoPermissions') return { problem: 'denied' };
    return { problem: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  }
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  // In chunks: String.fromCharCode takes its bytes as arguments, and the stack limits how many.
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}
