// Opens each HTML report given on the command line in headless Chromium and
// prints, as one JSON array, what a reader's browser saw: every console
// message and page error, every request that left the file (a self-contained
// report makes none), the rendered box of each chart and of its bars, and the
// figures the page shows with the exact values in their data- attributes.
//
//   node tests/browser/render.mjs CHROMIUM REPORT.html [REPORT.html ...]
//
// The Rust test tests/suite/report_browser.rs runs this and checks the result.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [executablePath, ...files] = process.argv.slice(2);
if (!executablePath || files.length === 0) {
  console.error('usage: node render.mjs CHROMIUM REPORT.html [REPORT.html ...]');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'sroi-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1100, height: 900 },
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

const results = [];
try {
  for (const file of files) {
    const seen = { file, console: [], errors: [], requests: [] };
    // Anything but the report itself is refused and recorded: the page must need nothing else.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') && url.endsWith(file.split('/').pop())) return route.continue();
      seen.requests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('console', (message) => seen.console.push({ type: message.type(), text: message.text() }));
    page.on('pageerror', (error) => seen.errors.push(String(error)));
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
    Object.assign(seen, await page.evaluate(() => {
      const box = (element) => {
        const r = element.getBoundingClientRect();
        return { width: r.width, height: r.height };
      };
      const charts = [...document.querySelectorAll('svg.sroi-chart')].map((svg) => ({
        chart: svg.dataset.chart,
        ...box(svg),
        bars: [...svg.querySelectorAll('[data-bar]')].map(box),
      }));
      const figures = [...document.querySelectorAll('[data-figure]')].map((element) => ({
        chart: element.closest('svg')?.dataset.chart ?? null,
        figure: element.dataset.figure,
        value: element.dataset.value ?? null,
        text: element.textContent,
      }));
      const stakeholders = [...document.querySelectorAll('svg[data-chart="distribution"] [data-stakeholder]')]
        .map((element) => ({
          id: element.dataset.stakeholder,
          value: element.dataset.value,
          share: element.dataset.share,
          text: element.textContent,
        }));
      const years = [...document.querySelectorAll('svg[data-chart="years"] [data-year]')]
        .map((element) => ({ year: Number(element.dataset.year), value: element.dataset.value }));
      return { title: document.title, charts, figures, stakeholders, years };
    }));
    await page.close();
    await context.unroute('**/*');
    results.push(seen);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(results, null, 1) + '\n');
