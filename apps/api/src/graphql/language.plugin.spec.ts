import { withVary } from './language.plugin';

describe('withVary', () => {
  it('adds Accept-Language once to what Vary already names', () => {
    expect(withVary(undefined)).toBe('Accept-Language');
    expect(withVary('Origin')).toBe('Origin, Accept-Language');
    expect(withVary('origin, accept-language')).toBe('origin, accept-language');
    expect(withVary('*')).toBe('*');
  });
});
