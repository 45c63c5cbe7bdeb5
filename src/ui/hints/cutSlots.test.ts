import { describe, expect, it } from 'vitest';
import { sentenceBoundaries } from '../../core/trace/sentences';
import { renderWithCutSlots, slotsKeepMarkdown } from './cutSlots';

describe('renderWithCutSlots', () => {
  const text = 'We need $x. y$ here. Then compute 3.14 by hand.';
  const boundary = text.indexOf('Then');

  it('draws one slot per boundary, the caret where the insertion point is, and keeps math intact', () => {
    const html = renderWithCutSlots(text, [{ offset: 100 + boundary, local: boundary }], 100 + boundary);
    expect(html.match(/class="cut-slot/g)).toHaveLength(1);
    expect(html).toContain(`data-testid="insert-caret" data-cut-offset="${100 + boundary}"`);
    expect(html).toContain('katex'); // $x. y$ still rendered as math
    expect(html.replace(/<[^>]+>/g, '')).toContain('here. Then compute 3.14');
  });

  it('marks other boundaries as clickable slots without a caret', () => {
    const html = renderWithCutSlots(text, [{ offset: boundary, local: boundary }], null);
    expect(html).toContain(`class="cut-slot" data-cut-offset="${boundary}"`);
    expect(html).not.toContain('insert-caret');
  });

  it('lets a paragraph keep its slots off the cursor only when they leave the Markdown as it was', () => {
    expect(slotsKeepMarkdown(text, [{ offset: boundary, local: boundary }])).toBe(true);
    // A mark before "2." would turn the second list item into plain text.
    const list = 'Two cases.\n1. First one.\n2. Second one.';
    const item = list.indexOf('2.');
    expect(slotsKeepMarkdown(list, [{ offset: item, local: item }])).toBe(false);
    // A text holding the marks' own private-use characters gets no slots.
    expect(slotsKeepMarkdown('A \uE000 b. Then c.', [{ offset: 9, local: 9 }])).toBe(false);
  });

  it('a link title with sentence marks keeps its attribute whole; slots before and after it keep their offsets', () => {
    const para = 'First we look. See [the "docs"](https://example.org/p "Title. It has sentences! Does it?") now. ![A plot. Of data.](https://example.org/i.png). Last one.';
    const slots = sentenceBoundaries(para).map((local) => ({ offset: 1000 + local, local }));
    const inTitle = slots.filter((s) => s.local > para.indexOf('"Title') && s.local < para.indexOf('now.'));
    expect(inTitle.length).toBeGreaterThan(0); // the sentence splitter does cut inside the title
    const html = renderWithCutSlots(para, slots, null);
    expect(html).toContain('title="Title. It has sentences! Does it? — https://example.org/p"');
    expect(html).toContain('>the &quot;docs&quot;</a>');
    expect(html).not.toMatch(/title="[^"]*<span/);
    expect(html).toContain('Image: A plot. Of data.');
    const drawn = [...html.matchAll(/data-cut-offset="(\d+)"/g)].map((m) => Number(m[1]));
    const outside = slots.filter((s) => !inTitle.includes(s) && !(s.local > para.indexOf('![') && s.local < para.indexOf(' Last')));
    expect(drawn).toEqual(outside.map((s) => s.offset));
    expect(drawn).toContain(1000 + para.indexOf('See'));
    expect(drawn).toContain(1000 + para.indexOf('Last'));
  });
});
