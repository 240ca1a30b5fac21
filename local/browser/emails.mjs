// Every email's HTML in a real browser: headless Chromium (puppeteer-core) at a phone's width (360 px) and at
// the design's full width (600 px), checked with axe-core for WCAG 2.1 A and AA (contrast included).
//   node local/browser/emails.mjs DIR     (DIR holds NAME.html files)
// Each must fit without sideways scrolling, load nothing from the network, link only to absolute https
// addresses (http://127.0.0.1 of the local stack excepted), and give every image alt text.
// Prints one line per check and exits 1 when any failed. CHROMIUM names the browser (default: chromium).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const dir = process.argv[2];
if (!dir) {
  console.error('usage: node local/browser/emails.mjs DIR');
  process.exit(2);
}
const failures = [];
function check(ok, what) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) failures.push(what);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  const files = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
  check(files.length > 0, 'emails to check in ' + dir + ': ' + files.length);
  for (const file of files) {
    const html = readFileSync(join(dir, file), 'utf8');
    for (const width of [360, 600]) {
      const what = file + ' at ' + width + ' px';
      const page = await browser.newPage();
      await page.setViewport({ width, height: 800, isMobile: width < 400 });
      // an email client shows the message without running scripts; the checker's own script is added later
      await page.setJavaScriptEnabled(false);
      const remote = [];
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = request.url();
        if (url.startsWith('data:') || url === 'about:blank') {
          request.continue();
        } else {
          remote.push(url);
          request.abort();
        }
      });
      await page.setContent(html, { waitUntil: 'load' });
      check(remote.length === 0, what + ': loads nothing from the network' + (remote.length ? ' -- ' + remote.join(' ') : ''));
      const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
      check(sizes.scroll <= sizes.view, what + ': no sideways scrolling (content ' + sizes.scroll + ' px, window ' + sizes.view + ' px)');
      const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
      const bad = links.filter((href) => !/^https:\/\/[^/]/.test(href) && !/^http:\/\/127\.0\.0\.1[:/]/.test(href));
      check(bad.length === 0, what + ': every link absolute and https (' + links.length + ')' + (bad.length ? ' -- ' + bad.join(' ') : ''));
      const noAlt = await page.$$eval('img', (images) => images.filter((i) => !i.hasAttribute('alt')).length);
      check(noAlt === 0, what + ': every image has alt text');
      await page.setJavaScriptEnabled(true);
      await page.addScriptTag({ content: AXE });
      const result = await page.evaluate(async () =>
        window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
      const found = result.violations.map((v) => v.id + ' (' + v.nodes.length + ')');
      check(found.length === 0, what + ': no WCAG 2.1 A/AA violation, contrast included' + (found.length ? ' -- ' + found.join(' | ') : ''));
      await page.close();
    }
  }
} catch (e) {
  check(false, 'the browser run failed: ' + (e && e.stack || e));
} finally {
  await browser.close();
}
console.log(failures.length === 0 ? 'all email checks passed' : failures.length + ' email checks failed');
process.exit(failures.length === 0 ? 0 : 1);
