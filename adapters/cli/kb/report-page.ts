import { describeReview, type DayOutcomes, type ReportData, type WeekRate } from '../../../src/index.js';

/**
 * The report page: one self-contained HTML file. No script, no font, no image
 * from anywhere (a Content-Security-Policy says so to the browser too); charts
 * are inline SVG, each with a title, a description and a table of its numbers
 * for people who cannot see it. Colours keep at least 4.5:1 contrast on white.
 */

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "5 Jan" from "2026-01-05". */
const shortDate = (isoDate: string): string => `${Number(isoDate.slice(8, 10))} ${months[Number(isoDate.slice(5, 7)) - 1] ?? ''}`;
const percent = (rate: number): string => `${Math.round(rate * 100)}%`;
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The outcomes, in the order they stack, with their colours. */
const outcomes = [
  { key: 'answered', label: 'answered', colour: '#1f4e9c' },
  { key: 'clarify', label: 'asked to clarify', colour: '#9a4a00' },
  { key: 'declined', label: 'declined', colour: '#a3123a' },
  { key: 'notQuestions', label: 'small talk or not a question', colour: '#6b6b6b' },
] as const;

const chart = { width: 960, height: 240, left: 44, right: 12, top: 12, bottom: 36 } as const;
const plotWidth = chart.width - chart.left - chart.right;
const plotHeight = chart.height - chart.top - chart.bottom;

/** The opening of an accessible SVG chart: a title and a description the screen reader reads. */
const svgOpen = (id: string, title: string, description: string, height: number = chart.height): string =>
  `<svg id="${id}" class="chart" viewBox="0 0 ${chart.width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" preserveAspectRatio="xMidYMid meet">` +
  `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>`;

/** Horizontal grid lines and their labels for a y axis from 0 to `max`. */
function yAxis(max: number, format: (value: number) => string): string {
  const ticks = [0, max / 2, max];
  return ticks
    .map((value) => {
      const y = chart.top + plotHeight - (value / max) * plotHeight;
      return `<line class="grid" x1="${chart.left}" x2="${chart.width - chart.right}" y1="${y}" y2="${y}"/><text class="axis" x="${chart.left - 6}" y="${y + 4}" text-anchor="end">${escapeHtml(format(value))}</text>`;
    })
    .join('');
}

/** A table of a chart's numbers, folded away under the chart. */
function dataTable(caption: string, head: string[], rows: (string | number)[][]): string {
  return (
    `<details class="numbers"><summary>${escapeHtml(caption)}: the numbers</summary><table><thead><tr>${head.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>` +
    rows
      .map((row) => `<tr>${row.map((cell, index) => (index === 0 ? `<th scope="row">${escapeHtml(String(cell))}</th>` : `<td>${escapeHtml(String(cell))}</td>`)).join('')}</tr>`)
      .join('') +
    '</tbody></table></details>'
  );
}

/** Stacked bars of questions per day by outcome: one group (`g.day`) per day, one rect per non-zero outcome. */
export function dayChart(id: string, title: string, days: readonly DayOutcomes[]): string {
  const total = (day: DayOutcomes) => day.answered + day.clarify + day.declined + day.notQuestions;
  const max = Math.max(2, ...days.map(total));
  const top = max % 2 === 0 ? max : max + 1;
  const slot = plotWidth / days.length;
  const sum = (key: (typeof outcomes)[number]['key']) => days.reduce((acc, day) => acc + day[key], 0);
  const busiest = [...days].sort((a, b) => total(b) - total(a))[0];
  const description =
    `${plural(days.length, 'day')} from ${days[0]?.date} to ${days[days.length - 1]?.date}: ${plural(
      days.reduce((acc, day) => acc + total(day), 0),
      'question',
    )}, ` +
    `${sum('answered')} answered, ${sum('clarify')} asked to clarify, ${sum('declined')} declined, ${sum('notQuestions')} small talk or not a question.` +
    (busiest && total(busiest) > 0 ? ` Busiest day ${busiest.date} with ${plural(total(busiest), 'question')}.` : '');
  const labelEvery = Math.ceil(days.length / 10);
  const bars = days
    .map((day, index) => {
      const x = chart.left + index * slot + slot * 0.1;
      let y = chart.top + plotHeight;
      const segments = outcomes
        .filter((outcome) => day[outcome.key] > 0)
        .map((outcome) => {
          const height = (day[outcome.key] / top) * plotHeight;
          y -= height;
          return `<rect class="segment ${outcome.key}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.8).toFixed(1)}" height="${height.toFixed(1)}" fill="${outcome.colour}"/>`;
        })
        .join('');
      const label =
        index % labelEvery === 0 || index === days.length - 1
          ? `<text class="axis" x="${(x + slot * 0.4).toFixed(1)}" y="${chart.height - 14}" text-anchor="middle">${shortDate(day.date)}</text>`
          : '';
      const tip = `${day.date}: ${day.answered} answered, ${day.clarify} asked to clarify, ${day.declined} declined, ${day.notQuestions} small talk or not a question`;
      return `<g class="day" data-date="${day.date}"><title>${tip}</title>${segments}</g>${label}`;
    })
    .join('');
  return (
    `<figure>${svgOpen(id, title, description)}${yAxis(top, (value) => String(value))}${bars}</svg>` +
    `<figcaption>${escapeHtml(title)}. ${escapeHtml(description)}</figcaption>` +
    dataTable(
      title,
      ['Day', 'Answered', 'Asked to clarify', 'Declined', 'Small talk or not a question'],
      days.map((day) => [day.date, day.answered, day.clarify, day.declined, day.notQuestions]),
    ) +
    '</figure>'
  );
}

/** A line of weekly rates (0 to 100%): one `circle.point` per week that had anything to count. */
export function rateChart(id: string, title: string, what: string, weeks: readonly WeekRate[], firstDay: string, lastDay: string, colour: string): string {
  const span = Math.max(1, Date.parse(lastDay) - Date.parse(firstDay));
  const xOf = (week: WeekRate) => chart.left + ((Date.parse(week.from) + 3.5 * 86_400_000 - Date.parse(firstDay)) / span) * plotWidth;
  const yOf = (week: WeekRate) => chart.top + plotHeight - week.rate * plotHeight;
  const description =
    weeks.length === 0
      ? `No week from ${firstDay} to ${lastDay} had anything to count.`
      : `${plural(weeks.length, 'week')} with data from ${firstDay} to ${lastDay}: ${weeks.map((week) => `week of ${week.from} ${percent(week.rate)} (${week.count} of ${week.total})`).join('; ')}.`;
  const points = weeks
    .map(
      (week) =>
        `<circle class="point" cx="${xOf(week).toFixed(1)}" cy="${yOf(week).toFixed(1)}" r="5" fill="${colour}"><title>Week of ${week.from}: ${percent(week.rate)} ${what} (${week.count} of ${week.total})</title></circle>`,
    )
    .join('');
  // Lines join neighbouring weeks only: a week with nothing to count is a gap, not a slope.
  const runs: WeekRate[][] = [];
  for (const week of weeks) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (run && previous && Date.parse(week.from) - Date.parse(previous.from) === 7 * 86_400_000) run.push(week);
    else runs.push([week]);
  }
  const line = runs
    .filter((run) => run.length > 1)
    .map(
      (run) =>
        `<polyline class="line" fill="none" stroke="${colour}" stroke-width="2.5" points="${run.map((week) => `${xOf(week).toFixed(1)},${yOf(week).toFixed(1)}`).join(' ')}"/>`,
    )
    .join('');
  const axis = [firstDay, lastDay]
    .map(
      (day, index) =>
        `<text class="axis" x="${index === 0 ? chart.left : chart.width - chart.right}" y="${chart.height - 14}" text-anchor="${index === 0 ? 'start' : 'end'}">${shortDate(day)}</text>`,
    )
    .join('');
  return (
    `<figure>${svgOpen(id, title, description)}${yAxis(1, percent)}${line}${points}${axis}</svg>` +
    `<figcaption>${escapeHtml(title)}. ${weeks.length === 0 ? escapeHtml(description) : `${plural(weeks.length, 'week')} with data.`}</figcaption>` +
    dataTable(
      title,
      ['Week from', 'To', what, 'Of', 'Rate'],
      weeks.map((week) => [week.from, week.to, week.count, week.total, percent(week.rate)]),
    ) +
    '</figure>'
  );
}

/** Horizontal bars, one `g.bar` per item, labelled with its name and value. */
export function barChart(id: string, title: string, items: readonly { label: string; value: number }[], unit: string): string {
  const rowHeight = 28;
  const height = chart.top + items.length * rowHeight + 8;
  const labelWidth = 300;
  const max = Math.max(1, ...items.map((item) => item.value));
  const description = items.map((item) => `${item.label}: ${plural(item.value, unit)}`).join('; ') || 'Nothing to show.';
  const bars = items
    .map((item, index) => {
      const y = chart.top + index * rowHeight;
      const width = (item.value / max) * (chart.width - labelWidth - 70);
      return (
        `<g class="bar"><text class="label" x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escapeHtml(item.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${width.toFixed(1)}" height="${rowHeight - 10}" fill="#1f4e9c"/>` +
        `<text class="value" x="${(labelWidth + width + 6).toFixed(1)}" y="${y + 17}">${item.value}</text></g>`
      );
    })
    .join('');
  return `<figure>${svgOpen(id, title, description, height)}${bars}</svg><figcaption>${escapeHtml(title)}.</figcaption></figure>`;
}

/** A plain table, or a line saying there is nothing to list. */
function table(head: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  return `<table><thead><tr>${head.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

const questionRows = (groups: ReportData['declined']): string[][] =>
  groups.map((group) => [
    `<span class="question">${escapeHtml(group.question)}</span>${
      group.wordings.length > 1
        ? `<br><span class="muted">also: ${group.wordings
            .slice(1, 4)
            .map((wording) => escapeHtml(wording))
            .join('; ')}</span>`
        : ''
    }`,
    String(group.count),
    escapeHtml(group.last.slice(0, 10)),
  ]);

const styles = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --line: #767676; --grid: #d9d9d9; --bg: #ffffff; --panel: #f4f6f9; --link: #1a4d8f; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 1.8rem; margin: 0 0 4px; }
h2 { font-size: 1.35rem; margin: 32px 0 8px; padding-top: 8px; border-top: 1px solid var(--grid); }
h3 { font-size: 1.05rem; margin: 20px 0 4px; }
a { color: var(--link); }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 0; }
.cards div { background: var(--panel); border-radius: 6px; padding: 10px 14px; }
.cards dt { color: var(--muted); font-size: 0.9rem; }
.cards dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
figure { margin: 12px 0 20px; }
svg.chart { width: 100%; height: auto; display: block; }
svg .axis, svg .label, svg .value { font-size: 13px; fill: var(--ink); }
svg .grid { stroke: var(--grid); stroke-width: 1; }
figcaption { color: var(--muted); font-size: 0.9rem; }
.legend { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap; gap: 4px 20px; font-size: 0.95rem; }
.swatch { display: inline-block; width: 14px; height: 14px; margin-right: 6px; vertical-align: -2px; border-radius: 2px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 0.95rem; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--grid); vertical-align: top; }
thead th { border-bottom: 2px solid var(--line); }
td:nth-child(n+2), th:nth-child(n+2) { white-space: nowrap; }
.muted, .empty { color: var(--muted); }
.due { color: #a3123a; font-weight: 600; }
details.numbers { margin-top: 4px; }
details.numbers summary { cursor: pointer; color: var(--link); }
code { font-size: 0.95em; background: var(--panel); padding: 1px 4px; border-radius: 3px; }
footer { margin-top: 40px; padding-bottom: 40px; color: var(--muted); }
@media print {
  body { font-size: 11pt; }
  header, main, footer { max-width: none; padding: 0; }
  nav, details.numbers { display: none; }
  h2 { break-after: avoid; }
  figure, table, tr { break-inside: avoid; }
  a { color: var(--ink); text-decoration: none; }
}`;

/** Renders the report as one HTML document. */
export function renderReportPage(data: ReportData, context: { knowledgeDir: string; logPath: string }): string {
  const { totals } = data;
  const rated = totals.up + totals.down;
  const firstWeek = new Date(Date.parse(`${data.today}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);
  const sections: [string, string, string][] = [
    [
      'summary',
      'At a glance',
      `<dl class="cards">${[
        ['Questions in the log', String(totals.asked)],
        // Of the questions: small talk and input that cannot be searched are none.
        ['Answered', totals.asked === totals.notQuestions ? '–' : percent(totals.answered / (totals.asked - totals.notQuestions))],
        ['Rated helpful', rated === 0 ? '–' : `${percent(totals.up / rated)} of ${rated}`],
        ['Entries', String(data.entries.length)],
        ['Never asked', String(data.neverAsked.length)],
        ['Due for review', String(data.stale.length)],
      ]
        .map(([term, value]) => `<div><dt>${escapeHtml(term!)}</dt><dd>${escapeHtml(value!)}</dd></div>`)
        .join('')}</dl>
<p class="muted">${totals.first ? `The log runs from ${escapeHtml(totals.first.slice(0, 10))} to ${escapeHtml(totals.last!.slice(0, 10))}.` : 'The log is empty: it fills as people ask questions.'}</p>`,
    ],
    [
      'per-day',
      'Questions per day, by outcome',
      `<ul class="legend">${outcomes.map((outcome) => `<li><span class="swatch" style="background:${outcome.colour}"></span>${outcome.label}</li>`).join('')}</ul>
<h3>Last 30 days</h3>${dayChart('chart-30-days', 'Questions per day over the last 30 days', data.last30Days)}
<h3>Last 90 days</h3>${dayChart('chart-90-days', 'Questions per day over the last 90 days', data.last90Days)}`,
    ],
    [
      'rates',
      'Answer rate and ratings, week by week',
      `${rateChart('chart-answer-rate', 'Share of questions answered, by week', 'answered', data.answerRate, firstWeek, data.today, '#1f4e9c')}
${rateChart('chart-thumbs-up', 'Share of ratings that were "helpful", by week', 'rated helpful', data.thumbsUpShare, firstWeek, data.today, '#1b6b3a')}`,
    ],
    [
      'declined',
      'Questions declined most',
      `<p>Questions the search reads as the same words are counted together. If the sources cover one, add a phrasing or an entry; if not, declining is the honest answer.</p>${table(['Question', 'Times', 'Last asked'], questionRows(data.declined), 'No question was declined.')}`,
    ],
    ['clarified', 'Questions the bot asked to clarify most', table(['Question', 'Times', 'Last asked'], questionRows(data.clarified), 'The bot asked no one to clarify.')],
    [
      'entries',
      'Entries: use, ratings and reviews',
      table(
        ['Entry', 'Owner', 'Times given', 'Helpful', 'Not helpful', 'Last reviewed'],
        data.entries.map((entry) => [
          `${escapeHtml(entry.title)}<br><span class="muted">${escapeHtml(entry.entryId)}</span>`,
          entry.owner ? escapeHtml(entry.owner) : '<span class="muted">none named</span>',
          String(entry.asked),
          String(entry.up),
          String(entry.down),
          `${entry.reviewed ? escapeHtml(entry.reviewed) : 'never'}${entry.overdue ? ' <span class="due">(due)</span>' : ''}`,
        ]),
        'No entries.',
      ),
    ],
    [
      'never-asked',
      'Entries never given as an answer',
      data.neverAsked.length === 0
        ? '<p class="empty">Every entry was given at least once.</p>'
        : `<p>${plural(data.neverAsked.length, 'entry').replace('entrys', 'entries')} the log never shows: people may word these differently (see <code>npm run kb -- suggest</code>), or not need them.</p><ul>${data.neverAsked.map((entry) => `<li>${escapeHtml(entry.title)} <span class="muted">(${escapeHtml(entry.entryId)})</span></li>`).join('')}</ul>`,
    ],
    [
      'stale',
      'Entries due for review',
      `<p>Check each against its sources, then set its <code>reviewed</code> date (<code>npm run kb -- stale</code> lists them with the line to edit).</p>${table(
        ['Entry', 'Owner', 'Review'],
        data.stale.map((review) => [
          `${escapeHtml(review.title)}<br><span class="muted">${escapeHtml(review.file)}:${review.line}</span>`,
          review.owner ? escapeHtml(review.owner) : '<span class="muted">none named</span>',
          escapeHtml(describeReview(review)),
        ]),
        'No entry is due for review.',
      )}`,
    ],
    [
      'sources',
      'Entries per source',
      barChart(
        'chart-sources',
        'How many entries cite each source',
        data.sources.map((source) => ({ label: source.id, value: source.entries })),
        'entry',
      ) +
        table(
          ['Source', 'Title', 'Entries'],
          data.sources.map((source) => [escapeHtml(source.id), escapeHtml(source.title), String(source.entries)]),
          'No sources.',
        ),
    ],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>rtp-bot knowledge report, ${escapeHtml(data.today)}</title>
<style>${styles}</style>
</head>
<body>
<header>
<h1>rtp-bot knowledge report</h1>
<p>For ${escapeHtml(data.today)}: the question log <code>${escapeHtml(context.logPath)}</code> and the knowledge in <code>${escapeHtml(context.knowledgeDir)}</code>.</p>
<nav aria-label="Sections"><ul>${sections.map(([id, heading]) => `<li><a href="#${id}">${escapeHtml(heading)}</a></li>`).join('')}</ul></nav>
</header>
<main>
${sections.map(([id, heading, body]) => `<section id="${id}" aria-labelledby="${id}-heading"><h2 id="${id}-heading">${escapeHtml(heading)}</h2>\n${body}\n</section>`).join('\n')}
</main>
<footer>Made by <code>npm run kb -- report</code>. Next steps: <code>npm run kb -- suggest</code> for phrasings people confirmed, <code>npm run kb -- stale</code> for reviews, <code>npm run kb -- gaps</code> for every declined question.</footer>
</body>
</html>
`;
}
