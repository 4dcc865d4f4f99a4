import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { detectLanguage } from './language';
import { parseNewsFile } from './parse';

const ROOT = join(__dirname, '../..');
const items = (file: string) => parseNewsFile(readFileSync(join(ROOT, file)), file).items;

describe('detectLanguage', () => {
  it('tells English from Spanish in every item of the development set, as labelled', () => {
    const labels = parseYaml(readFileSync(join(ROOT, 'eval/devset/labels.yaml'), 'utf8')) as Record<string, { language: string }>;
    const all = [...items('eval/devset/news-en.txt'), ...items('eval/devset/news-es.txt')];
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const item of all) expect([item.title, detectLanguage(item)]).toEqual([item.title, labels[item.title].language]);
  });

  it('reads the seed as English', () => {
    const seed = items('seeds/000_90b8483afbba3601.txt');
    expect(seed.map(detectLanguage)).toEqual(seed.map(() => 'en'));
  });

  it('decides on a headline and a summary, and says und when there is nothing to go by', () => {
    expect(detectLanguage({ title: 'Protesta contra la mina', summary: 'Los comuneros bloquean la vía de acceso al proyecto.', body: null })).toBe('es');
    expect(detectLanguage({ title: 'Protest against the mine', summary: 'Villagers block the road to the project.', body: null })).toBe('en');
    expect(detectLanguage({ title: 'Tía María', summary: 'Arequipa, 2019', body: null })).toBe('und');
  });
});
