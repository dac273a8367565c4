import { describe, expect, it } from 'vitest';
import {
  AUDIT_SHARDS,
  chainLabel,
  chainName,
  chainNamesOf,
  parseChain,
  SYSTEM_CHAIN,
  shardOf,
  tenantOfChain,
} from './shards.js';

const T = '0b6f1c8e-7f3a-4c1e-9a51-2f8d0c4b7e10';
const A = '6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const B = 'f0e1d2c3-b4a5-4968-8776-655443322110';

describe('audit chain naming', () => {
  it.each([
    [{ actorAccountId: A }, shardOf({ actorAccountId: A, targetId: B })],
    [{ actorAccountId: null, targetId: B }, shardOf({ targetId: B })],
    [{ actorAccountId: null, targetId: null }, 0],
    [{}, 0],
    [{ actorAccountId: '', targetId: '' }, 0],
  ])('shards %o by the actor, else the target, else 0', (key, shard) => {
    expect(shardOf(key)).toBe(shard);
  });

  it('is stable across processes: fixed values (changing them would split existing chains)', () => {
    // FNV-1a 32-bit of the text, modulo 16.
    expect(shardOf({ actorAccountId: 'a' })).toBe(0xe40c292c % AUDIT_SHARDS);
    expect(shardOf({ actorAccountId: A })).toBe(shardOf({ actorAccountId: A }));
  });

  it('spreads many accounts over every shard', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++)
      seen.add(shardOf({ actorAccountId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    expect(seen.size).toBe(AUDIT_SHARDS);
  });

  it.each([
    [T, 0, T],
    [T, 1, `${T}/1`],
    [T, 15, `${T}/15`],
    [null, 0, SYSTEM_CHAIN],
    [null, 7, SYSTEM_CHAIN],
  ])('names tenant %s shard %i as %s', (tenantId, shard, name) => {
    expect(chainName(tenantId, shard)).toBe(name);
    expect(tenantOfChain(name)).toBe(tenantId);
  });

  it('refuses a shard outside 0..15', () => {
    expect(() => chainName(T, 16)).toThrow(RangeError);
    expect(() => chainName(T, -1)).toThrow(RangeError);
  });

  it.each([
    [T, { tenantId: T, shard: 0 }],
    [`${T}/9`, { tenantId: T, shard: 9 }],
    [SYSTEM_CHAIN, { tenantId: null, shard: 0 }],
  ])('parses %s', (name, parsed) => {
    expect(parseChain(name)).toEqual(parsed);
  });

  it('lists all of a tenant’s chains, shard 0 (the name of earlier versions) first', () => {
    const names = chainNamesOf(T);
    expect(names).toHaveLength(AUDIT_SHARDS);
    expect(names[0]).toBe(T);
    expect(new Set(names.map(tenantOfChain))).toEqual(new Set([T]));
  });

  it.each([
    [T, 'cli'],
    [`${T}/3`, 'cli/3'],
    ['system', 'system'],
    ['11111111-1111-4111-8111-111111111111/2', '11111111-1111-4111-8111-111111111111/2'],
  ])('labels %s as %s', (chain, label) => {
    expect(chainLabel(chain, (id) => (id === T ? 'cli' : undefined))).toBe(label);
  });
});
