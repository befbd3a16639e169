/**
 * The only owner of puppeteer. One Chromium per run, launched lazily through a memoized
 * promise and forgotten on `disconnected`, so a crashed browser is relaunched by the next
 * `withPage`. Pages are reused from a small idle list (opening a page costs ~190 ms here,
 * see ../shared/chromium-notes.md) and the browser is recycled after `recycleAfter` renders
 * to bound Chromium's memory growth.
 */
import { debuglog } from 'node:util';
import type { Browser, Page, PuppeteerNode } from 'puppeteer-core';
import { PipelineError } from '../errors.ts';

/** The part of puppeteer a session uses. */
type Driver = Pick<PuppeteerNode, 'launch'>;

const debug = debuglog('pipeline:pdf');

/** Flags for Debian's Chromium as root on a machine without network (chromium-notes.md). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-extensions',
  '--font-render-hinting=none',
];

export interface BrowserSessionOptions {
  /** Path to the Chromium binary. */
  executablePath: string;
  /** Relaunch the browser after this many pages were used (0 = never). */
  recycleAfter: number;
  /** Default timeout for navigation and printing, ms. */
  timeoutMs: number;
  /** Called once per page to block network access etc. */
  preparePage?: (page: Page) => Promise<void>;
  /** Extra environment for Chromium (the print fonts' fontconfig file). */
  env?: Record<string, string>;
}

export class BrowserSession {
  private browserPromise?: Promise<Browser>;
  private idle: Page[] = [];
  private uses = 0;
  private active = 0;
  private warming?: Promise<void>;
  private driverPromise?: Promise<Driver>;
  private closing?: Promise<void>;
  /** How many times Chromium was (re)launched, for the run summary. */
  launches = 0;

  constructor(private readonly options: BrowserSessionOptions) {}

  /** The running browser, launched on first use. */
  browser(): Promise<Browser> {
    if (!this.browserPromise) {
      this.launches += 1;
      const launching = this.driver().then((puppeteer) =>
        puppeteer.launch({
          executablePath: this.options.executablePath,
          headless: true,
          args: CHROMIUM_ARGS,
          env: { ...process.env, ...this.options.env },
          protocolTimeout: this.options.timeoutMs * 2,
          // The CLI owns the signals: it finishes the reports in progress and writes the
          // summary; puppeteer's own handlers would exit the process at once.
          handleSIGINT: false,
          handleSIGTERM: false,
          handleSIGHUP: false,
          // Over a pipe, Chromium exits with us even when we are killed (SIGKILL).
          pipe: true,
        }),
      );
      this.browserPromise = launching;
      launching.then(
        (browser) => {
          browser.on('disconnected', () => {
            debug('browser disconnected');
            if (this.browserPromise === launching) this.forget();
          });
        },
        () => {
          if (this.browserPromise === launching) this.forget();
        },
      );
    }
    return this.browserPromise;
  }

  /**
   * puppeteer, imported on first use: a no-op rebuild never needs it (~0.3 s to load). Awaiting
   * this after `warmUp` lets Chromium be spawned before the caller starts CPU-heavy work.
   */
  driver(): Promise<Driver> {
    this.driverPromise ??= import('puppeteer-core').then(({ default: puppeteer }): Driver => puppeteer);
    return this.driverPromise;
  }

  /** Launches Chromium and opens a page ahead of the first render; failures surface there. */
  warmUp(): Promise<void> {
    this.warming ??= this.acquire().then(
      (page) => void this.idle.push(page),
      // The first `withPage` launches again and reports the error with its context.
      () => undefined,
    );
    return this.warming;
  }

  /** Runs `fn` with a ready page; the page goes back to the idle list unless `fn` failed. */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    await this.maybeRecycle();
    // A page being opened by warmUp is about to be idle: wait for it rather than open another.
    await this.warming;
    const page = await this.acquire();
    this.active += 1;
    let healthy = false;
    try {
      const result = await fn(page);
      healthy = true;
      return result;
    } catch (error) {
      // A hung or crashed renderer: replace its browser (only if it is still the current one,
      // so two failing pages cannot kill each other's freshly launched browser).
      if (!(error instanceof PipelineError)) await this.killBrowserOf(page);
      throw error;
    } finally {
      this.active -= 1;
      this.uses += 1;
      if (healthy && !page.isClosed()) this.idle.push(page);
      else await page.close().catch(() => undefined);
    }
  }

  /** Kills the browser process, as a crash would (used by tests and on timeouts). */
  async kill(): Promise<void> {
    const browser = await this.browserPromise?.catch(() => undefined);
    this.forget();
    browser?.process()?.kill('SIGKILL');
  }

  /**
   * Closes the browser. A caller may start closing early and the outermost `finally` close
   * again: a close already in progress is shared, so every caller waits for the same shutdown.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown().finally(() => (this.closing = undefined));
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    // Let a warm-up finish first: a page being opened while the browser closes can leave a
    // protocol call (and its timer) pending, which keeps the process alive.
    await this.warming;
    const browser = await this.browserPromise?.catch(() => undefined);
    this.forget();
    await browser?.close().catch(() => browser.process()?.kill('SIGKILL'));
  }

  private async killBrowserOf(page: Page): Promise<void> {
    const browser = page.browser();
    const current = await this.browserPromise?.catch(() => undefined);
    if (current === browser) this.forget();
    browser.process()?.kill('SIGKILL');
  }

  private forget(): void {
    this.browserPromise = undefined;
    this.warming = undefined;
    this.idle = [];
    this.uses = 0;
  }

  private async acquire(): Promise<Page> {
    while (this.idle.length > 0) {
      const page = this.idle.pop()!;
      if (!page.isClosed()) return page;
    }
    const browser = await this.browser();
    const page = await browser.newPage();
    page.setDefaultTimeout(this.options.timeoutMs);
    page.setDefaultNavigationTimeout(this.options.timeoutMs);
    await this.options.preparePage?.(page);
    return page;
  }

  /** Relaunches Chromium between renders once it has served `recycleAfter` pages. */
  private async maybeRecycle(): Promise<void> {
    const { recycleAfter } = this.options;
    if (recycleAfter <= 0 || this.uses < recycleAfter || this.active > 0) return;
    debug('recycling browser after %d renders', this.uses);
    const old = this.browserPromise;
    this.forget();
    const browser = await old?.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
}
