import { stackedColumnChart, stageTimeChart } from './charts';

// Well-formed XML without a parser dependency: every tag closes in order, no raw & or < in text.
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
  expect(svg.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toMatch(/&/);
}

describe('charts', () => {
  const hostile = `<script>alert('x')</script> & co`;

  it('draws the time per stage as an image with a title and a description, its labels escaped', () => {
    const svg = stageTimeChart(
      { id: 'c1', title: 'Time & limits', desc: 'Bars' },
      [
        { label: hostile, value: 40, limit: 30, valueText: '40 days' },
        { label: 'No stay', value: null, limit: 60, valueText: '–' },
      ],
      { value: 'Median', limit: 'Limit' },
    ).value;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="c1-title c1-desc"');
    expect(svg).toContain('<title id="c1-title">Time &amp; limits</title>');
    expect(svg).toContain('<desc id="c1-desc">Bars</desc>');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co');
    assertWellFormed(svg);
  });

  it('draws stacked columns with one rectangle per non-zero value and a legend', () => {
    const svg = stackedColumnChart(
      { id: 'c2', title: 'Years', desc: 'Columns' },
      ['A', hostile],
      [
        { label: '2025', values: [2, 0] },
        { label: '2026', values: [1, 3] },
      ],
    ).value;
    expect(svg.match(/<rect /g)?.length).toBe(3 + 2);
    expect(svg).toContain('<title id="c2-title">Years</title>');
    expect(svg).not.toContain('<script>');
    assertWellFormed(svg);
  });
});
