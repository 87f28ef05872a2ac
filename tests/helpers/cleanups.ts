import { afterEach } from '@jest/globals';

/** Teardown steps a test pushes as it opens things; after each test they run last-opened first. */
export function cleanupsAfterEach(): (() => Promise<void>)[] {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}
