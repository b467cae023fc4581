import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/fixture-knowledge.js';
import { runCli } from '../../../support/processes.js';

// The report for tests/fixtures/question-log-report.jsonl and tests/fixtures/knowledge-reviews, up to
// 2026-01-31, opened in a real browser: Debian's chromium, driven by playwright-core (nothing downloaded).
const chromiumPath = '/usr/bin/chromium';
const browserFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Runs in the page (as text: the tests are compiled without the DOM's types): the WCAG contrast ratio
 * against the page background of the main text colours and of every colour the charts fill with.
 */
const contrastProbe = `(() => {
  const luminance = (colour) => {
    const [r, g, b] = (colour.match(/\\d+(\\.\\d+)?/g) || ['0', '0', '0']).slice(0, 3).map((part) => {
      const value = Number(part) / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const background = getComputedStyle(document.body).backgroundColor;
  const texts = ['h1', 'p', 'figcaption', '.muted', 'th', 'a', '.due', 'svg .axis'].map((selector) => {
    const element = document.querySelector(selector);
    const style = getComputedStyle(element);
    return { what: selector, ratio: ratio(element instanceof SVGElement ? style.fill : style.color, background) };
  });
  const fills = [...new Set([...document.querySelectorAll('svg rect, svg circle')].map((shape) => shape.getAttribute('fill') || ''))].map((fill) => {
    const probe = document.createElement('span');
    probe.style.color = fill;
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return { what: fill, ratio: ratio(colour, background) };
  });
  return [...texts, ...fills];
})()`;

let temp: ReturnType<typeof makeTempDir>;
let reportPath: string;
let html: string;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  temp = makeTempDir('rtp-report-');
  reportPath = join(temp.dir, 'report.html');
  const result = await runCli('adapters/cli/kb.ts', [
    'report',
    '--out',
    reportPath,
    '--to',
    '2026-01-31',
    '--log',
    'tests/fixtures/question-log-report.jsonl',
    '--knowledge',
    'tests/fixtures/knowledge-reviews',
  ]);
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe(`Wrote ${reportPath}: 16 questions, 4 entries, 3 due for review, up to 2026-01-31.\n`);
  expect(result.code).toBe(0);
  html = readFileSync(reportPath, 'utf8');

  if (!existsSync(chromiumPath)) throw new Error(`the report test needs Debian's chromium at ${chromiumPath}: apt-get install -y chromium (.ci/run installs it)`);
  context = await chromium.launchPersistentContext(join(temp.dir, 'browser-profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: browserFlags,
    viewport: { width: 1366, height: 768 },
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(reportPath).href);
}, 90_000);

afterAll(async () => {
  await context?.close();
  temp?.remove();
}, 30_000);

describe('npm run kb -- report, in a browser', () => {
  it('is one self-contained file: no script, no outside address, a policy that forbids both', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link|@import|url\(|<img|<iframe/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    // A question is what a person typed: it is shown as text, never as markup.
    expect(html).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; tea?');
  });

  it('loads with no console errors and asks for nothing but itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(reportPath).href]);
  });

  it('draws a bar per day and a segment per outcome for the fixture log', async () => {
    // 30 days to 2026-01-31: 5 Jan (answered, no match), 20 Jan (all three), 31 Jan (answered).
    expect(await page.locator('#chart-30-days g.day').count()).toBe(30);
    expect(await page.locator('#chart-30-days rect.segment').count()).toBe(6);
    expect(await page.locator('#chart-30-days g.day[data-date="2026-01-20"] rect.segment').evaluateAll((rects) => rects.map((rect) => rect.getAttribute('class')))).toEqual([
      'segment answered',
      'segment clarify',
      'segment declined',
    ]);
    // 90 days also hold 5 Nov (answered, no match) and 10 Dec (answered, clarify); 1 Oct is older still.
    expect(await page.locator('#chart-90-days g.day').count()).toBe(90);
    expect(await page.locator('#chart-90-days rect.segment').count()).toBe(10);
  });

  it('draws a point per week with questions, and per week with ratings, and a bar per source', async () => {
    expect(await page.locator('#chart-answer-rate circle.point').count()).toBe(5);
    expect(await page.locator('#chart-thumbs-up circle.point').count()).toBe(2);
    expect(await page.locator('#chart-thumbs-up circle.point title').allTextContents()).toEqual([
      'Week of 2025-12-07: 100% rated helpful (1 of 1)',
      'Week of 2026-01-04: 50% rated helpful (1 of 2)',
    ]);
    expect(await page.locator('#chart-sources g.bar').count()).toBe(3);
  });

  it('shows the declined questions, grouped, and the clarified ones', async () => {
    const declined = page.locator('#declined tbody tr');
    expect(await declined.allInnerTexts()).toEqual([
      'My wheel keeps going soft!\t2\t2026-01-20',
      'what is the capital of France\t1\t2026-01-20',
      "<script>alert('x')</script> & <b>bold</b> tea?\t1\t2026-01-05",
      'hello?\t1\t2025-11-05',
    ]);
    await expect.poll(() => page.getByText('tea tastes bitter').isVisible()).toBe(true);
  });

  it('lists entries with use, ratings and reviews, the entry never asked, the stale ones', async () => {
    expect(await page.locator('#entries tbody tr').allInnerTexts()).toEqual([
      'How to brew black tea\nbrewing-tea\tTea team\t4\t0\t1\t2025-03-01 (due)',
      'Looking after a bicycle chain\nbike-chain\tCycling desk\t3\t1\t0\t2025-01-10 (due)',
      'Fixing a flat bicycle tyre\nbike-tyres\tCycling desk\t2\t1\t0\t2025-06-01',
      'What green tea is\ngreen-tea\tnone named\t0\t0\t0\tnever (due)',
    ]);
    expect(await page.locator('#never-asked li').allInnerTexts()).toEqual(['What green tea is (green-tea)']);
    expect(await page.locator('#stale tbody tr td:first-child').allInnerTexts()).toEqual([
      expect.stringMatching(/^What green tea is\n.*green-tea\.md:2$/),
      expect.stringMatching(/^Looking after a bicycle chain\n.*bike-chain\.md:13$/),
      expect.stringMatching(/^How to brew black tea\n.*brewing-tea\.md:13$/),
    ]);
  });

  it('gives every chart a title, a description and (for the day charts) a table of its numbers', async () => {
    const charts: { role: string | null; label: string }[] = [];
    for (const svg of await page.locator('svg.chart').all()) {
      const ids = (await svg.getAttribute('aria-labelledby'))?.split(' ') ?? [];
      const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
      charts.push({ role: await svg.getAttribute('role'), label: texts.join(' | ') });
    }
    expect(charts).toHaveLength(5);
    for (const chart of charts) {
      expect(chart.role).toBe('img');
      expect(chart.label).toMatch(/^.{10,} \| .{10,}$/);
    }
    expect(charts[0]?.label).toContain('30 days from 2026-01-02 to 2026-01-31: 10 questions, 5 answered, 1 asked to clarify, 4 declined, 0 small talk or not a question.');
    expect(await page.locator('#per-day details.numbers').first().locator('tbody tr').count()).toBe(30);
  });

  it('keeps text and chart colours readable: at least 4.5:1 against the page', async () => {
    const contrasts = (await page.evaluate(contrastProbe)) as { what: string; ratio: number }[];
    expect(contrasts.length).toBeGreaterThan(10);
    for (const { what, ratio } of contrasts) expect(ratio, what).toBeGreaterThanOrEqual(4.5);
  });

  it('fits a laptop screen, prints without its navigation, and makes a screenshot', async () => {
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    expect(await page.locator('#chart-30-days').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    const pdf = join(temp.dir, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4' });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const screenshot = join(temp.dir, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(screenshot).size).toBeGreaterThan(20_000);
  }, 60_000);
});
