import { formatDay, pageLanguage } from './dates';

test('a day reads the same way on every page, per language', () => {
  expect(formatDay('2018-03-11')).toBe('11 March 2018');
  expect(formatDay('2018-03-11', 'en-US')).toBe('11 March 2018');
  expect(formatDay('2018-03-11', 'es')).toBe('11 de marzo de 2018');
  expect(formatDay('2018-03-11', 'es-PE')).toBe('11 de marzo de 2018');
  expect(formatDay('2018-01-01', 'qu')).toBe('1 January 2018');
  expect(pageLanguage(undefined)).toBe('en');
});
