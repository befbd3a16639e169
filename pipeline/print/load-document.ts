/**
 * Puts a report's HTML into a page. The first report navigates to its file; later ones replace
 * the document in place (CDP `Page.setDocumentContent`) and wait for its load event. Same URL,
 * same folder, same request guard, but no navigation: ~40 ms instead of ~120 ms per report,
 * and `page.pdf` on the replaced document is faster too (docs/performance.md).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CDPSession, Page } from 'puppeteer-core';

interface DocumentChannel {
  session: CDPSession;
  frameId: string;
}

const channels = new WeakMap<Page, Promise<DocumentChannel>>();

/** Loads `html` (also written to `htmlFile`) into `page` and resolves after its load event. */
export async function loadDocument(page: Page, htmlFile: string, html: string, timeoutMs: number): Promise<void> {
  if (!isInFolderOf(page.url(), htmlFile)) {
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout: timeoutMs });
    return;
  }
  const { session, frameId } = await channelOf(page);
  let onLoad = () => {};
  const loaded = new Promise<void>((resolve) => (onLoad = resolve));
  session.once('Page.loadEventFired', onLoad);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The report did not finish loading within ${timeoutMs} ms (${htmlFile})`)),
      timeoutMs,
    );
  });
  try {
    await session.send('Page.setDocumentContent', { frameId, html });
    await Promise.race([loaded, timedOut]);
  } finally {
    clearTimeout(timer);
    session.off('Page.loadEventFired', onLoad);
  }
}

function channelOf(page: Page): Promise<DocumentChannel> {
  let channel = channels.get(page);
  if (!channel) {
    channel = (async () => {
      const session = await page.createCDPSession();
      await session.send('Page.enable');
      const { frameTree } = await session.send('Page.getFrameTree');
      return { session, frameId: frameTree.frame.id };
    })();
    // A failed set-up is retried on the next report rather than remembered.
    channel.catch(() => channels.delete(page));
    channels.set(page, channel);
  }
  return channel;
}

/** The page shows a file from the folder `htmlFile` is in (so relative URLs resolve the same). */
function isInFolderOf(url: string, htmlFile: string): boolean {
  if (!url.startsWith('file:')) return false;
  try {
    return path.dirname(fileURLToPath(url)) === path.dirname(path.resolve(htmlFile));
  } catch {
    return false;
  }
}
