// Every word a user reads in VS Code has its Vietnamese: the manifest's
// %keys% (package.nls.json → package.nls.vi.json) and the client's
// vscode.l10n.t messages (client/src → l10n/bundle.l10n.vi.json). English is
// the source: a message added to the code without a translation fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { describeStatus, inEnglish, type Translate } from '../../client/src/statusText';

const root = path.resolve(__dirname, '../..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const TRANSLATED_LOCALES = ['vi'];

/** The %key% placeholders of the manifest, wherever they are. */
function manifestKeys(): string[] {
  return [...readFileSync(path.join(root, 'package.json'), 'utf8').matchAll(/"%([^"%]+)%"/g)].map((match) => match[1]);
}

/** The first arguments of every `t(…)` / `l10n.t(…)` call in the client's sources: the English messages. */
function clientMessages(): string[] {
  const folder = path.join(root, 'client/src');
  const messages: string[] = [];
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(path.join(folder, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const named = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'l10n' ? callee.name.text : undefined;
        if (named === 't') {
          const [message] = node.arguments;
          expect(message && ts.isStringLiteralLike(message), `${file}: a t(…) whose message is not a string literal (${node.getText()}) cannot be translated`).toBe(true);
          messages.push((message as ts.StringLiteralLike).text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return messages;
}

const placeholders = (message: string): string[] => [...message.matchAll(/\{\d+\}/g)].map((match) => match[0]).sort();

describe('the manifest in every language', () => {
  const english = readJson('package.nls.json');

  it('has an English text for every %key% of package.json, and no unused one', () => {
    const keys = manifestKeys();
    expect(keys.length).toBeGreaterThan(20);
    expect(new Set(keys)).toEqual(new Set(Object.keys(english)));
  });

  for (const locale of TRANSLATED_LOCALES) {
    it(`has every text in package.nls.${locale}.json`, () => {
      const translated = readJson(`package.nls.${locale}.json`);
      expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(translated)) {
        expect(typeof text === 'string' && text.trim() !== '' && text !== english[key], `${key} is not translated`).toBe(true);
        // The command links of walkthrough steps must survive translation.
        const links = (value: unknown) => [...String(value).matchAll(/\(command:[^)]+\)/g)].map((match) => match[0]);
        expect(links(text), key).toEqual(links(english[key]));
      }
    });
  }
});

describe('the client’s messages in every language', () => {
  const messages = clientMessages();

  it('finds the messages of the status item and the copy commands', () => {
    expect(messages).toContain('Click to show the KL Lens output.');
    expect(messages).toContain('Copied {0}');
  });

  for (const locale of TRANSLATED_LOCALES) {
    it(`has each in l10n/bundle.l10n.${locale}.json, with the same placeholders`, () => {
      const bundle = readJson(`l10n/bundle.l10n.${locale}.json`);
      for (const message of messages) {
        const translated = bundle[message];
        expect(typeof translated, `no ${locale} translation of ${JSON.stringify(message)}`).toBe('string');
        expect(placeholders(translated as string), message).toEqual(placeholders(message));
      }
      expect(Object.keys(bundle).filter((message) => !messages.includes(message)), 'translations of messages the code no longer has').toEqual([]);
    });
  }

  it('reads whole sentences in Vietnamese in the status item', () => {
    const bundle = readJson('l10n/bundle.l10n.vi.json') as Record<string, string>;
    const vietnamese: Translate = (message, ...args) => inEnglish(bundle[message] ?? message, ...args);
    const { tooltip } = describeStatus({ state: 'ready', version: '0.1.0' }, { statements: 9, checksPassed: 1, checksFailed: 2, errors: 0, warnings: 1, pending: 0 }, vietnamese);
    expect(tooltip).toContain('Tài liệu này: 9 câu lệnh; 1 phép kiểm tra đúng, 2 sai; 0 lỗi, 1 cảnh báo.');
  });
});
