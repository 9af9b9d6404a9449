import { arnOnFirstUse } from '../../lib/private/arn';

describe('arnOnFirstUse()', () => {
  test('makes the ARN on first use only, and gives the same string on every use', () => {
    let made = 0;
    const arn = arnOnFirstUse(() => `arn:aws:batch:us-east-1:123456789012:job-queue/q${++made}`);
    expect(made).toBe(0);
    const first = arn();
    expect(arn()).toBe(first);
    expect(arn()).toBe(first);
    expect(made).toBe(1);
  });
});
