import { describe, expect, it } from 'vitest';
import { findRoute, matchPath } from '../src/router/match.ts';

describe('matchPath', () => {
  it('matches literal segments, ignoring trailing slashes', () => {
    expect(matchPath('/users', '/users')).toEqual({});
    expect(matchPath('/users', '/users/')).toEqual({});
    expect(matchPath('/users', '/user')).toBeNull();
    expect(matchPath('/users', '/users/x')).toBeNull();
  });

  it('captures and decodes parameters', () => {
    expect(matchPath('/report/:token', '/report/a%20b')).toEqual({ token: 'a b' });
  });

  it('refuses malformed percent-encoding instead of throwing', () => {
    expect(matchPath('/report/:token', '/report/%E0%A4%A')).toBeNull();
  });
});

describe('findRoute', () => {
  it('returns the first matching route in table order', () => {
    const routes = [{ path: '/a/new' }, { path: '/a/:id' }];
    expect(findRoute(routes, '/a/new')?.route).toBe(routes[0]);
    expect(findRoute(routes, '/a/7')).toEqual({ route: routes[1], params: { id: '7' } });
    expect(findRoute(routes, '/b')).toBeNull();
  });
});
