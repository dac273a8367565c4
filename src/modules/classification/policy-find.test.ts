import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { createTestDatabase } from '../../test/db.js';
import { findPolicy } from './policy-service.js';

describe('findPolicy', () => {
  it('answers a shipped policy without reading the database', async () => {
    const failing = {
      select() {
        throw new Error('connection terminated');
      },
    } as unknown as Db;
    expect((await findPolicy(failing, 't', 'unified-5th'))?.id).toBe('unified-5th');
  });

  it('is null for a policy the agency does not have', async () => {
    const database = await createTestDatabase();
    try {
      expect(
        await findPolicy(database.db, '00000000-0000-0000-0000-000000000000', crypto.randomUUID()),
      ).toBeNull();
    } finally {
      await database.close();
    }
  });

  it('throws a database failure instead of reading it as "no policy"', async () => {
    const failing = {
      select() {
        throw new Error('connection terminated');
      },
    } as unknown as Db;
    await expect(findPolicy(failing, 't', crypto.randomUUID())).rejects.toThrow('connection terminated');
  });
});
