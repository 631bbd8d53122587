import { describe, expect, it } from 'vitest';
import { CONCEPTS } from './concepts';
import { tokenize } from './tokenize';

const CHARACTERS_AND_CONCEPTS = { unigram: 0.5, word: 0, bigram: 0, concept: 1 };
const conceptsOf = (text: string): string[] => [...tokenize(text, CHARACTERS_AND_CONCEPTS).keys()].filter((t) => t.startsWith('c:'));

describe('tokenize', () => {
  it('finds a thesaurus word anywhere in the text, once per concept', () => {
    expect(conceptsOf('澡堂')).toEqual(['c:bath']);
    expect(conceptsOf('晚上去澡堂洗澡，澡堂人太多')).toEqual(['c:bath']);
    // 开水 and 开水房 start at one place and name one concept.
    expect(conceptsOf('开水房')).toEqual(['c:hot-water']);
    expect(conceptsOf('没有什么')).toEqual([]);
  });

  it('adds concepts in the thesaurus order, not the order the text names them', () => {
    const order = Object.keys(CONCEPTS);
    expect(order.indexOf('canteen')).toBeLessThan(order.indexOf('price'));
    expect(conceptsOf('菜价又涨了，食堂也不管')).toEqual(['c:canteen', 'c:price']);
    expect(conceptsOf('食堂菜价又涨了')).toEqual(['c:canteen', 'c:price']);
  });

  it('matches after normalising: full-width Latin, capitals and characters outside the basic plane', () => {
    expect(conceptsOf('ＷｉＦｉ老掉线')).toEqual(['c:network']);
    expect(conceptsOf('😡😡食堂')).toEqual(['c:canteen']);
    expect(conceptsOf('食堂😡')).toEqual(['c:canteen']);
  });

  it('gives each character one term, in the order the text has them', () => {
    const a = [...tokenize('食堂饭菜贵', CHARACTERS_AND_CONCEPTS).keys()];
    const b = [...tokenize('饭菜', CHARACTERS_AND_CONCEPTS).keys()];
    expect(a.filter((t) => t.startsWith('u:'))).toEqual(['u:食', 'u:堂', 'u:饭', 'u:菜', 'u:贵']);
    expect(b.filter((t) => t.startsWith('u:'))).toEqual(['u:饭', 'u:菜']);
  });

  it('leaves the thesaurus out when its weight is 0', () => {
    expect([...tokenize('食堂', { ...CHARACTERS_AND_CONCEPTS, concept: 0 }).keys()]).toEqual(['u:食', 'u:堂']);
  });
});
