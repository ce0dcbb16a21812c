// Drives Firefox for TestFirefoxExtension (firefox_test.go): puppeteer-core
// over WebDriver BiDi installs the extension as a temporary add-on, turns on
// automatic cards on its options page (a click), opens the page, selects the
// quotation with a real mouse drag and prints the card as JSON on stdout.
// Environment: PUPPETEER_DIR (where puppeteer-core is installed), FIREFOX,
// EXTENSION (the unpacked extension), EXTENSION_ID, PAGE, QUOTE, and
// READ_CARD (the card-reading expression the Chromium tests use).
'use strict';
const { createRequire } = require('module');
const puppeteer = createRequire(process.env.PUPPETEER_DIR + '/')('puppeteer-core');

const PATIENCE = Number(process.env.PATIENCE_MS) || 180000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error('firefox_driver:', ...a);

async function until(what, f) {
  const deadline = Date.now() + PATIENCE;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
    await sleep(200);
  }
}

(async () => {
  // A fixed internal UUID, so the options page has a known address.
  const uuid = '6f1c2a34-5b6d-4e7f-8091-a2b3c4d5e6f7';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX,
    headless: true,
    protocolTimeout: PATIENCE,
    // WebDriver BiDi navigates to a moz-extension: page (the options page)
    // only with system access allowed.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [process.env.EXTENSION_ID]: uuid }) },
  });
  try {
    log('version', await browser.version());
    const id = await browser.installExtension(process.env.EXTENSION);
    log('installed', id);
    const page = await browser.newPage();
    page.on('pageerror', (e) => log('page error:', e.message));
    page.on('console', (m) => log('console:', m.type(), m.text()));
    // The extension's page loads in the extension's process: the load
    // event of the navigation is not always reported; the page's controls
    // are what the test waits for.
    await page.goto('moz-extension://' + uuid + '/options.html', { timeout: 5000 }).catch((e) => log('options page:', e.message));
    await page.waitForSelector('#mode-auto', { timeout: PATIENCE });
    await page.click('#mode-auto');
    await until('the options page to say automatic cards are on', () =>
      page.evaluate(() => document.getElementById('status').textContent.includes('by themselves')));
    // The background registers the content script when it sees the setting.
    await until('the content script to be registered', () =>
      page.evaluate(() => browser.scripting.getRegisteredContentScripts().then((s) => s.length > 0)));

    await page.goto(process.env.PAGE);
    await page.waitForSelector('#q');
    const quote = process.env.QUOTE;
    await until('the card to open after a drag', async () => {
      const box = await page.evaluate((q) => {
        const n = document.getElementById('q').firstChild, i = n.data.indexOf(q), r = document.createRange();
        r.setStart(n, i); r.setEnd(n, i + 1);
        const a = r.getBoundingClientRect();
        r.setStart(n, i + q.length - 1); r.setEnd(n, i + q.length);
        const b = r.getBoundingClientRect();
        return { x1: a.left + 1, y1: (a.top + a.bottom) / 2, x2: b.right - 1, y2: (b.top + b.bottom) / 2 };
      }, quote);
      await page.mouse.move(box.x1, box.y1);
      await page.mouse.down();
      await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2);
      await page.mouse.move(box.x2, box.y2);
      await page.mouse.up();
      const selected = await page.evaluate(() => getSelection().toString());
      if (!selected.includes(quote.slice(0, -1))) throw new Error('the drag selected ' + JSON.stringify(selected));
      await sleep(300);
      return page.evaluate(() => document.querySelector('[data-quotetrail]') !== null);
    });
    const card = await until('the card to show the answer', async () => {
      const st = await page.evaluate(process.env.READ_CARD);
      return st.visible && st.query.includes('must handle the issue') ? st : null;
    });
    process.stdout.write(JSON.stringify(card) + '\n');
  } finally {
    await browser.close();
  }
})().catch((e) => {
  log(e && e.stack || e);
  process.exit(1);
});
