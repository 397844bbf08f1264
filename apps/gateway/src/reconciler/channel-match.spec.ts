import { isSameChannel } from './channel-match';

describe('isSameChannel', () => {
  const twitch = 'https://www.twitch.tv/';

  it.each([
    ['twitch', 'https://www.twitch.tv/twitch', twitch],
    [' Twitch ', 'https://www.twitch.tv/twitch', twitch],
    ['https://www.twitch.tv/twitch', 'https://www.twitch.tv/twitch', twitch],
    ['http://twitch.tv/twitch/', 'https://www.twitch.tv/twitch', twitch],
    ['dQw4w9WgXcQ', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube.com/watch?v='],
    ['xqc', 'https://kick.com/xqc', 'https://kick.com/'],
  ])('matches %j with %j (prefix %j)', (requested, upstream, prefix) => {
    expect(isSameChannel(requested, upstream, prefix)).toBe(true);
  });

  it.each([
    ['twitch', 'https://www.twitch.tv/twitch2', twitch],
    ['twitch', 'https://www.twitch.tv/other/twitch', twitch],
    ['twitch', 'https://kick.com/twitch', twitch],
  ])('tells %j from %j (prefix %j)', (requested, upstream, prefix) => {
    expect(isSameChannel(requested, upstream, prefix)).toBe(false);
  });

  describe('without a known link prefix', () => {
    it('accepts the slug as the last path segment or query value', () => {
      expect(isSameChannel('twitch', 'https://www.twitch.tv/twitch')).toBe(true);
      expect(isSameChannel('abc', 'https://www.youtube.com/watch?v=abc')).toBe(true);
      expect(isSameChannel('https://kick.com/xqc', 'https://kick.com/xqc')).toBe(true);
    });

    it('does not accept a slug that is only a suffix of a longer one', () => {
      expect(isSameChannel('witch', 'https://www.twitch.tv/twitch')).toBe(false);
      expect(isSameChannel('', 'https://www.twitch.tv/')).toBe(false);
    });
  });
});
