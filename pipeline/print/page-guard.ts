/**
 * Network policy for report pages: no JavaScript, no network, and `file:` only inside the
 * report's own folder. Blocked URLs are collected per page so the print stage can turn them
 * into one warning per document.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';

const blockedByPage = new WeakMap<Page, string[]>();

/** Returns a `preparePage` hook that only lets `data:` and files below `allowedDir` through. */
export function guardPage(allowedDir: string): (page: Page) => Promise<void> {
  const root = path.resolve(allowedDir) + path.sep;
  return async (page) => {
    blockedByPage.set(page, []);
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (isAllowed(url, root)) {
        void request.continue();
      } else {
        blockedByPage.get(page)?.push(url);
        void request.abort('blockedbyclient');
      }
    });
  };
}

/** The URLs blocked on `page` since the last call, and resets the list. */
export function takeBlockedRequests(page: Page): string[] {
  const list = blockedByPage.get(page) ?? [];
  blockedByPage.set(page, []);
  return list;
}

function isAllowed(url: string, root: string): boolean {
  if (url.startsWith('data:')) return true;
  if (!url.startsWith('file:')) return false;
  try {
    const file = path.resolve(fileURLToPath(url));
    return file.startsWith(root);
  } catch {
    return false;
  }
}
