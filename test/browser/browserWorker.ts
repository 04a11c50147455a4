/// <reference lib="dom" />
// The browser server bundle (server/out/browserServer.js) in a Web Worker of
// Debian's Chromium, driven through playwright-core: the page is served from
// a loopback port, and LSP messages go to the worker and back by postMessage,
// as vscode-languageclient/browser sends them in vscode.dev.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../lsp/lspSession';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

const PAGE = '<!doctype html><meta charset="utf-8"><title>KL Lens browser server</title>';

export class BrowserWorkerSession {
  private nextId = 1;
  private readonly answers = new Map<number, (message: Message) => void>();
  readonly notifications: Message[] = [];
  readonly pageErrors: string[] = [];
  private listeners: (() => void)[] = [];
  private closed = false;
  /** What this client answers to the server's requests; any other is answered null. */
  private readonly handlers = new Map<string, (params: unknown) => unknown>();
  /** The server's requests, in order. */
  readonly requests: { method: string; params: unknown }[] = [];

  private constructor(
    private readonly http: Server,
    private readonly browser: Browser,
    readonly page: Page,
  ) {}

  /** Chromium with one page whose Web Worker runs the bundle; each message the worker posts comes back here. */
  static async start(): Promise<BrowserWorkerSession> {
    const bundle = readFileSync(path.join(ROOT, 'server/out/browserServer.js'));
    const http = createServer((request, response) => {
      if (request.url === '/browserServer.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      else if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
    const page = await browser.newPage();
    const session = new BrowserWorkerSession(http, browser, page);
    page.on('pageerror', (error) => session.pageErrors.push(error.message));
    await page.exposeFunction('fromServer', (message: Message) => session.receive(message));
    await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
    await page.evaluate(() => {
      const worker = new Worker('/browserServer.js');
      const scope = window as unknown as { fromServer(message: unknown): void; toServer(message: unknown): void };
      worker.onmessage = (event) => scope.fromServer(event.data);
      worker.onerror = (event) => scope.fromServer({ jsonrpc: '2.0', method: 'test/workerError', params: event.message });
      scope.toServer = (message) => worker.postMessage(message);
    });
    return session;
  }

  onRequest(method: string, handler: (params: unknown) => unknown): void {
    this.handlers.set(method, handler);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    const id = this.nextId++;
    const answered = new Promise<R>((resolve, reject) => {
      this.answers.set(id, (message) => (message.error ? reject(new Error(message.error.message)) : resolve(message.result as R)));
    });
    void this.post({ jsonrpc: '2.0', id, method, params });
    return answered;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.post({ jsonrpc: '2.0', method, params });
  }

  /** The first notification of this method whose params pass the test, waiting for it if need be. */
  async notification<P>(method: string, test: (params: P) => boolean, timeout = 20_000): Promise<P> {
    const found = (): P | undefined => this.notifications.find((message) => message.method === method && test(message.params as P))?.params as P | undefined;
    const deadline = Date.now() + timeout;
    while (found() === undefined) {
      if (Date.now() > deadline) throw new Error(`no ${method} notification in ${timeout} ms (page errors: ${this.pageErrors.join('; ') || 'none'})`);
      await new Promise<void>((resolve) => this.listeners.push(resolve));
    }
    return found() as P;
  }

  /** Waits until the server has sent a request of this method; its place among the server's requests. */
  async serverRequest(method: string, timeout = 20_000): Promise<number> {
    const deadline = Date.now() + timeout;
    while (!this.requests.some((request) => request.method === method)) {
      if (Date.now() > deadline) throw new Error(`no ${method} request in ${timeout} ms`);
      await new Promise<void>((resolve) => this.listeners.push(resolve));
    }
    return this.requests.findIndex((request) => request.method === method);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.browser.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private post(message: Message): Promise<void> {
    return this.page.evaluate((sent) => (window as unknown as { toServer(message: unknown): void }).toServer(sent), message as unknown as Record<string, unknown>);
  }

  private receive(message: Message): void {
    if (message.id !== undefined && message.method === undefined) {
      this.answers.get(message.id as number)?.(message);
      this.answers.delete(message.id as number);
      return;
    }
    if (message.id !== undefined && message.method !== undefined) {
      this.requests.push({ method: message.method, params: message.params });
      // registerCapability, workspace/configuration…: this client declared none, so null will do.
      const result = this.handlers.get(message.method)?.(message.params) ?? null;
      // A request that comes as the test closes the page goes unanswered.
      this.post({ jsonrpc: '2.0', id: message.id, result }).catch((error: Error) => {
        if (!this.closed) throw error;
      });
    } else this.notifications.push(message);
    for (const wake of this.listeners.splice(0)) wake();
  }
}
