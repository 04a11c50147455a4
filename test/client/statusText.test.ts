// The status item's words for each state of the server and of the document.
import { describe, expect, it } from 'vitest';
import { describeStatus } from '../../client/src/statusText';

const counts = { statements: 9, checksPassed: 3, checksFailed: 0, errors: 0, warnings: 1, pending: 0 };

describe('the status item', () => {
  it('spins while the server starts', () => {
    expect(describeStatus({ state: 'starting' }, undefined)).toMatchObject({ text: '$(loading~spin) KL Lens', error: false });
  });

  it('says ready with the version and the document’s counts', () => {
    const { text, tooltip } = describeStatus({ state: 'ready', version: '0.1.0' }, counts);
    expect(text).toBe('$(check) KL Lens');
    expect(tooltip).toContain('**KL Lens 0.1.0**: the language server is ready.');
    expect(tooltip).toContain('This document: 9 statements; 3 checks passed, 0 failed; 0 errors, 1 warning.');
  });

  it('shows how many checks failed, and warns', () => {
    expect(describeStatus({ state: 'ready', version: '0.1.0' }, { ...counts, checksFailed: 2, errors: 2 }).text).toBe('$(warning) KL Lens 2 ✗');
  });

  it('spins while statements compute in the background', () => {
    const { text, tooltip } = describeStatus({ state: 'ready', version: '0.1.0' }, { ...counts, pending: 4 });
    expect(text).toBe('$(sync~spin) KL Lens');
    expect(tooltip).toContain('4 computing in the background');
  });

  it('is an error when the server stopped, and says how to restart it', () => {
    const status = describeStatus({ state: 'stopped', reason: 'the process exited' }, undefined);
    expect(status).toMatchObject({ text: '$(error) KL Lens', error: true });
    expect(status.tooltip).toContain('KL Lens: Restart Server');
  });
});
