// The pages in a real browser: headless Chromium driven by puppeteer-core, each page state checked
// with axe-core for WCAG 2.1 A and AA, at phone and desktop width, with and without JavaScript.
//   node local/browser/check.mjs http://127.0.0.1:PORT
// Prints one line per check and exits 1 when any failed. CHROMIUM names the browser (default: chromium).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const base = process.argv[2];
if (!base) {
  console.error('usage: node local/browser/check.mjs BASE_URL');
  process.exit(2);
}
const PHONE = { width: 375, height: 812, isMobile: true, hasTouch: true };
const DESKTOP = { width: 1280, height: 900 };
const failures = [];
// addresses of this run's own, so a run against a stack that saw others still counts only its emails
const RUN = Date.now().toString(36);
const JS_ADDRESS = 'browser-js-' + RUN + '@example.org';
const PLAIN_ADDRESS = 'browser-nojs-' + RUN + '@example.org';

function check(ok, what) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) failures.push(what);
}

async function axe(page, state) {
  // a page loaded without JavaScript keeps what it rendered; scripts are let run again only for the checker
  await page.setJavaScriptEnabled(true);
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  await page.setJavaScriptEnabled(!page.withoutJavaScript);
  const found = result.violations.map((v) => v.id + ' (' + v.nodes.length + '): ' + v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join('; '));
  check(found.length === 0, 'no WCAG 2.1 A/AA violation: ' + state + (found.length ? ' -- ' + found.join(' | ') : ''));
}

async function open(browser, path, { viewport = DESKTOP, javaScript = true, zone } = {}) {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  await page.setJavaScriptEnabled(javaScript);
  page.withoutJavaScript = !javaScript;
  if (zone) await page.emulateTimezone(zone);
  // every page of a run comes from a network address of its own, under the per-source limits
  await page.setExtraHTTPHeaders({ 'X-Local-Source-Ip': '198.51.100.' + (1 + Math.floor(Math.random() * 250)) });
  await page.goto(base + path, { waitUntil: 'load' });
  return page;
}

async function fillRegistration(page, email) {
  await page.type('#name', 'Browser Test');
  await page.type('#email', email);
  await page.type('#organization', 'District Assembly');
  await page.click('input[name=role][value=government-official]');
  await page.select('#country', 'NP');
  await page.click('input[name=interests][value=online-courses]');
}

async function outboxTo(address) {
  const all = await (await fetch(base + '/_local/outbox.json')).json();
  return all.filter((e) => e.to.includes(address));
}

async function waitForOutbox(address, count) {
  for (let i = 0; i < 50; i++) {
    const sent = await outboxTo(address);
    if (sent.length >= count) return sent;
    await new Promise((r) => setTimeout(r, 200));
  }
  return outboxTo(address);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // CI runs as root, where Chromium's sandbox cannot start
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  // the registration page: the meeting, the form, keyboard order, the visitor's own time
  for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    const page = await open(browser, '/events/demo/register', { viewport, zone: 'Asia/Kathmandu' });
    await axe(page, 'registration form (' + name + ')');
    if (name === 'phone') {
      const local = await page.$eval('#local-time', (e) => e.textContent);
      check(local.includes('5:45 PM') && local.includes('Kathmandu'), 'a browser in Asia/Kathmandu sees 5:45 PM in Kathmandu: ' + local);
      const small = await page.$$eval('input[type=radio], input[type=checkbox]', (boxes) =>
        boxes.filter((b) => b.offsetParent && (b.getBoundingClientRect().width < 24 || b.getBoundingClientRect().height < 24)).length);
      check(small === 0, 'radios and boxes are at least 24 px on a phone (' + small + ' smaller)');
    }
    await page.close();
  }
  {
    const page = await open(browser, '/events/demo/register');
    const order = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.name || document.activeElement.tagName));
    }
    const expected = ['name', 'email', 'organization', 'role', 'country', 'timeZone', 'interests'];
    const seen = order.filter((f, i) => order.indexOf(f) === i);
    check(expected.every((f, i) => seen[i] === f), 'keyboard order follows the form: ' + seen.join(' > '));
    await page.close();
  }

  // with JavaScript: errors, then a registration that reaches the outbox
  {
    const page = await open(browser, '/events/demo/register');
    await page.click('button[type=submit]');
    await page.waitForSelector('#result.error li');
    await axe(page, 'registration errors with JavaScript');
    const summary = await page.$$eval('#result.error a', (links) => links.map((a) => a.getAttribute('href')));
    check(summary.includes('#role') && summary.includes('#interests'), 'the error summary links every problem: ' + summary.join(' '));
    await page.click('#result.error a[href="#role"]');
    const focused = await page.evaluate(() => document.activeElement.name);
    check(focused === 'role', 'the summary link of a group focuses its first option (focus on ' + focused + ')');
    const described = await page.$eval('input[name=role]', (e) => e.getAttribute('aria-describedby'));
    check(described === 'role-error', 'each option of a group carries its error');
    await fillRegistration(page, JS_ADDRESS);
    await page.click('button[type=submit]');
    await page.waitForSelector('#result.done');
    const done = await page.$eval('#result', (e) => e.textContent);
    check(done.includes('You are registered') && done.includes('calendar'), 'after a JS registration, a clear next step');
    await axe(page, 'registered with JavaScript');
    await page.close();
    check((await waitForOutbox(JS_ADDRESS, 1)).length === 1, 'the JS registration reaches the outbox');
  }

  // without JavaScript: errors page, then a registration, its thank-you page, the manage page
  {
    const page = await open(browser, '/events/demo/register', { javaScript: false });
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    check((await page.content()).includes('Some answers need fixing'), 'a form with errors answers a page listing them');
    await axe(page, 'registration errors without JavaScript');
    await page.goto(base + '/events/demo/register');
    await fillRegistration(page, PLAIN_ADDRESS);
    await page.select('#timeZone', 'Asia/Kathmandu');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    check((await page.content()).includes('Thank you for registering'), 'a plain form registration reaches its thank-you page');
    await axe(page, 'thank-you page');
    const sent = await waitForOutbox(PLAIN_ADDRESS, 1);
    check(sent.length === 1, 'the no-JS registration reaches the outbox');
    const link = (sent[0]?.text || '').match(/\/manage\?token=\S+/);
    check(!!link, 'its confirmation carries a manage link');
    if (link) {
      await page.goto(base + link[0]);
      await axe(page, 'manage page');
      await page.select('#timeZone', 'America/Lima');
      await Promise.all([page.waitForNavigation(), page.click('form:has(input[value=update]) button')]);
      check((await page.content()).includes('Your time zone is now Lima'), 'an update says what changed');
      await axe(page, 'updated');
      await page.goto(base + link[0]);
      await Promise.all([page.waitForNavigation(), page.click('form:has(input[value=cancel]) button')]);
      check((await page.content()).includes('Your registration is cancelled'), 'cancelling says so');
      await axe(page, 'cancelled');
    }
    await page.close();
  }

  // the local outbox: each email's HTML as it renders, in a sandboxed frame at phone width, beside its text
  {
    const page = await open(browser, '/_local/outbox');
    const frames = await page.$$eval('iframe[srcdoc]', (fs) => fs.map((f) => ({ sandbox: f.getAttribute('sandbox'), width: f.clientWidth })));
    check(frames.length > 0 && frames.every((f) => f.sandbox === '' && f.width === 360),
      'the outbox shows each email in a sandboxed frame 360 px wide: ' + JSON.stringify(frames.slice(0, 2)));
    const texts = await page.$$eval('.parts pre', (ps) => ps.length);
    check(texts >= frames.length, 'each beside its text version (' + texts + ' texts, ' + frames.length + ' frames)');
    await page.close();
  }

  // the closed meeting, the privacy notice, the ideas form
  for (const [path, state, expect] of [
    ['/events/opm-2022/register', 'closed meeting', 'Registration for this meeting is closed'],
    ['/privacy', 'privacy notice', 'How we use your data'],
    ['/ideas.html', 'ideas form', 'Your ideas'],
  ]) {
    const page = await open(browser, path, { viewport: PHONE });
    check((await page.content()).includes(expect), state + ' shows "' + expect + '"');
    await axe(page, state);
    await page.close();
  }
  {
    const page = await open(browser, '/ideas.html', { javaScript: false });
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    await axe(page, 'ideas errors');
    check(!(await page.content()).includes('knowledge-products'), 'the ideas error page names areas in words, not ids');
    await page.goto(base + '/ideas.html');
    await page.click('input[name=area][value=webinar-topics]');
    await page.type('#title', 'Webinars on fiscal transfers');
    await page.type('#text', 'A series on intergovernmental fiscal transfers.');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    check((await page.content()).includes('Thank you for your idea'), 'an idea reaches its thank-you page');
    await axe(page, 'ideas thanks');
    await page.close();
  }
} catch (e) {
  check(false, 'the browser run failed: ' + (e && e.stack || e));
} finally {
  await browser.close();
}
console.log(failures.length === 0 ? 'all browser checks passed' : failures.length + ' browser checks failed');
process.exit(failures.length === 0 ? 0 : 1);
