// Debian's Chromium is used instead of puppeteer's own download (no network here).
/** @type {import('puppeteer').Configuration} */
module.exports = { skipDownload: true };
