import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isLoopbackOrigin } from './loopback';

describe('loopback names', () => {
  it('accepts 127.0.0.1 and localhost on the server’s own port, in any letter case', () => {
    expect(isLoopbackHost('127.0.0.1:4780', 4780)).toBe(true);
    expect(isLoopbackHost('LocalHost:4780', 4780)).toBe(true);
    expect(isLoopbackOrigin('http://localhost:4780', 4780)).toBe(true);
  });

  it('refuses another port, another name, a missing Host and another scheme', () => {
    expect(isLoopbackHost('127.0.0.1:4781', 4780)).toBe(false);
    expect(isLoopbackHost('attacker.example:4780', 4780)).toBe(false);
    expect(isLoopbackHost('127.0.0.1', 4780)).toBe(false);
    expect(isLoopbackHost(undefined, 4780)).toBe(false);
    expect(isLoopbackOrigin('https://127.0.0.1:4780', 4780)).toBe(false);
    expect(isLoopbackOrigin('http://attacker.example', 4780)).toBe(false);
  });
});
