import { describe, expect, it, vi } from 'vitest';
import { pingTab } from '@/lib/messages';

const answer = { base: 'http://localhost:5000/', title: 'MLflow' };

describe('pingTab (the popup looking for MLflow tabs)', () => {
  it('takes a prompt answer', async () => {
    const send = vi.fn(() => Promise.resolve(answer));
    expect(await pingTab(send, [50, 100])).toEqual(answer);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('asks a busy tab again, waiting longer: an answer after the first wait still counts', async () => {
    let calls = 0;
    const send = vi.fn(() => {
      calls++;
      // The first ask is never answered (the tab was busy); the second is, after 30 ms.
      return calls === 1 ? new Promise<never>(() => {}) : new Promise((r) => setTimeout(() => r(answer), 30));
    });
    expect(await pingTab(send, [20, 500])).toEqual(answer);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('does not ask again a tab without Lens (the message is refused at once)', async () => {
    const send = vi.fn(() => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')));
    expect(await pingTab(send, [50, 100])).toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('gives up after the last wait, and ignores an answer of the wrong shape', async () => {
    expect(await pingTab(() => new Promise<never>(() => {}), [10, 20])).toBeNull();
    expect(await pingTab(() => Promise.resolve({ base: 42 }), [50])).toBeNull();
    expect(await pingTab(() => Promise.resolve(undefined), [50])).toBeNull();
  });
});
