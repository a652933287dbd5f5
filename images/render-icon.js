#!/usr/bin/env node
// Renders images/icon.svg to images/icon.png (128x128, transparent corners) with Debian's Chromium through
// playwright-core. Run after editing the SVG: node images/render-icon.js (needs /usr/bin/chromium).
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { chromium } = require('playwright-core');

(async () => {
  const svg = fs.readFileSync(path.join(__dirname, 'icon.svg'), 'utf8');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'icon-chrome-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium', headless: true,
    viewport: { width: 128, height: 128 }, deviceScaleFactor: 1,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(__dirname, 'icon.png'), omitBackground: true });
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log('wrote images/icon.png');
})().catch((e) => { console.error(e); process.exit(1); });
