import { describe, expect, it } from 'vitest';
import { sampleGuide, smallGuide } from '../test/fixtures';
import { countWords, guideWords, markdownWords, readingTime, visibleText, wordsAndTime, WORDS_PER_MINUTE } from './wordcount';

describe('word count and reading time', () => {
  it('counts the words a reader sees in Markdown', () => {
    expect(markdownWords('Up to **5 GW** of [new capacity](https://example.org/a-b-c "t").')).toBe(7);
    expect(markdownWords('## Heading\n\n- one item\n- two\n\n1. three\n\n> quoted text')).toBe(7);
    expect(markdownWords('| Lab | GW |\n| --- | ---: |\n| Anthropic | 5 |')).toBe(4);
    expect(markdownWords('A note.[^1]\n\n[^1]: The source.')).toBe(4);
    expect(markdownWords('```\ncode here\n```')).toBe(2);
    expect(visibleText('![alt text](https://x.example/p.png)')).toBe('alt text');
    expect(countWords("It's a big AI, isn’t it?")).toBe(6);
    expect(countWords('')).toBe(0);
  });

  it('counts the Markdown fields and the headings and questions before them, per item too', () => {
    const g = smallGuide();
    g.tldr = 'One two three.';
    g.takeaways = [{ id: 't', text: 'Four **five**.' }];
    g.sections = [
      { id: 's1', heading: 'Six', body: 'Seven eight\n\nnine.' },
      { id: 's2', heading: 'Ten', body: '' },
    ];
    g.faq = [{ id: 'f', question: 'Eleven?', answer: 'Twelve.' }];
    g.deals.footnote = 'Thirteen.';
    g.timeline = [
      { id: 'e', date: '2020', precision: 'year', title: 'Not counted', detail: 'Fourteen [fifteen](https://x.example).', link: null },
    ];
    g.deals.caption = 'Not counted at all';
    g.sources[0].summary = 'Not counted either';
    const w = guideWords(g);
    expect(w.total).toBe(15);
    expect(w.items.get('s1')).toBe(4);
    expect(w.items.get('s2')).toBe(1);
    expect(w.items.get('f')).toBe(2);
  });

  it('turns words into minutes at the documented pace', () => {
    expect(WORDS_PER_MINUTE).toBe(230);
    expect(readingTime(100)).toBe('under a minute');
    expect(readingTime(230)).toBe('1 min');
    expect(readingTime(230 * 12 + 100)).toBe('12 min');
    expect(wordsAndTime(0)).toBe('0 words');
    expect(wordsAndTime(1)).toBe('1 word · under a minute to read');
    expect(wordsAndTime(2300)).toBe('2,300 words · 10 min read');
  });

  it('sizes the sample guide as an in-depth read', () => {
    const w = guideWords(sampleGuide());
    expect(w.total).toBeGreaterThan(1000);
    expect(w.items.size).toBeGreaterThan(10);
  });

  it('counts a guide again after an edit as it counts it afresh (remembered counts never go stale)', () => {
    const g = sampleGuide();
    const before = guideWords(g).total;
    const again = guideWords(g).total;
    expect(again).toBe(before);
    g.tldr = `${g.tldr} three more words`;
    expect(guideWords(g).total).toBe(before + 3);
    g.tldr = g.tldr.replace(' three more words', '');
    expect(guideWords(g).total).toBe(before);
    // The same text in another language is counted for that language, not taken from the other.
    expect(countWords('東京都に住む', 'ja')).toBeGreaterThan(1);
    expect(markdownWords('**bold** words', 'en')).toBe(2);
    expect(countWords('**bold** words', 'en')).toBe(2);
  });
});
