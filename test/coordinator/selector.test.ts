import { describe, expect, it } from 'vitest';
import { matchesSelector, normalizeRequirements, parseRequirement } from '../../src/coordinator/dispatch/selector.js';

describe('selectors', () => {
  const db = { role: 'db', zone: 'a' };
  const gpu = { role: 'ml', zone: 'b', gpu: 'a100' };
  const bare = {};

  it.each([
    [['zone in (a,b)'], [true, true, false]],
    [['zone notin (a)'], [false, true, true]],
    [['zone!=b'], [true, false, true]],
    [['gpu'], [false, true, false]],
    [['!gpu'], [true, false, true]],
    [['!gpu', 'zone in (a, c)'], [true, false, false]],
    [[], [true, true, true]],
  ])('%j matches db, gpu, bare: %j', (requirements, expected) => {
    expect([db, gpu, bare].map((labels) => matchesSelector({}, labels, requirements))).toEqual(expected);
  });

  it('combines equalities with requirements: every part must hold', () => {
    expect(matchesSelector({ role: 'db' }, db, ['!gpu'])).toBe(true);
    expect(matchesSelector({ role: 'db' }, db, ['zone in (b)'])).toBe(false);
    expect(matchesSelector({ role: 'db' }, gpu, ['!gpu'])).toBe(false);
  });

  it('keeps requirements in one canonical text, sorted and without repeats', () => {
    expect(normalizeRequirements(['zone in ( b , a )', 'zone in (a,b)', ' ! gpu', 'env != prod', 'x notin (1,2)'])).toEqual([
      '!gpu',
      'env!=prod',
      'x notin (1,2)',
      'zone in (a,b)',
    ]);
  });

  it.each(['zone in a,b', 'zone in ()', 'zone = = b', 'in (a)', 'zo ne', 'zone in (a,)'])('refuses %j, naming the accepted forms', (text) => {
    expect(() => parseRequirement(text)).toThrow(/invalid selector/);
  });
});
