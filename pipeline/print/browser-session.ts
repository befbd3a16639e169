/**
 * The only owner of puppeteer. One Chromium per run, launched lazily through a memoized
 * promise and forgotten on `disconnected`, so a crashed browser is relaunched by the next
 * `withPage`. Pages are reused from a small idle list (opening a page costs ~190 ms here,
 * see ../shared/chromium-notes.md) and the browser is recycled after `recycleAfter` renders
 * to bound Chromium's memory growth.
 */
import type { ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { debuglog } from 'node:util';
import type { Browser, Page, PuppeteerNode } from 'puppeteer-core';
import { BrowserLaunchError, PipelineError } from '../errors.ts';

/** The part of puppeteer a session uses. */
type Driver = Pick<PuppeteerNode, 'launch'>;

const debug = debuglog('pipeline:pdf');
const sleep = (ms: number) =>
  new Promise<undefined>((resolve) => (setTimeout(resolve, ms) as unknown as NodeJS.Timeout).unref());

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
  /** A launch that has not connected after this long is killed and reported, ms. Default 30 000. */
  launchTimeoutMs?: number;
  /** After a failed launch, later launches fail at once for this long (no relaunch storm), ms. Default 10 000. */
  relaunchBackoffMs?: number;
}

export class BrowserSession {
  private browserPromise?: Promise<Browser>;
  private idle: Page[] = [];
  private uses = 0;
  private active = 0;
  private warming?: Promise<void>;
  private driverPromise?: Promise<Driver>;
  private closing?: Promise<void>;
  private shutDownForGood = false;
  private launchFailure?: { error: BrowserLaunchError; at: number };
  /** How many times Chromium was (re)launched, for the run summary. */
  launches = 0;

  constructor(private readonly options: BrowserSessionOptions) {}

  /** The running browser, launched on first use. */
  browser(): Promise<Browser> {
    if (this.shutDownForGood)
      return Promise.reject(new PipelineError('The browser session was shut down', { code: 5 }));
    const failed = this.launchFailure;
    if (failed && Date.now() - failed.at < (this.options.relaunchBackoffMs ?? 10_000))
      return Promise.reject(failed.error);
    if (!this.browserPromise) {
      this.launches += 1;
      const launching = this.driver().then((puppeteer) => this.launch(puppeteer));
      this.browserPromise = launching;
      launching.then(
        (browser) => {
          this.launchFailure = undefined;
          browser.on('disconnected', () => {
            debug('browser disconnected');
            if (this.browserPromise === launching) this.forget();
          });
          // Shut down while it launched: it must not outlive the session.
          if (this.shutDownForGood) void browser.close().catch(() => browser.process()?.kill('SIGKILL'));
        },
        (error: unknown) => {
          if (error instanceof BrowserLaunchError) this.launchFailure = { error, at: Date.now() };
          if (this.browserPromise === launching) this.forget();
        },
      );
    }
    return this.browserPromise;
  }

  /**
   * Launches Chromium, bounded in time. Over a pipe, puppeteer neither listens for the spawn's
   * `error` event (EACCES, EAGAIN, EMFILE would be an uncaught exception that ends the process)
   * nor times out while Chromium stays silent (a wrong binary hung for minutes). The child
   * process is caught as it is created (diagnostics channel `child_process`), so its spawn
   * error is handled and a launch that does not connect in time is killed.
   */
  private async launch(puppeteer: Driver): Promise<Browser> {
    const { executablePath } = this.options;
    const timeoutMs = this.options.launchTimeoutMs ?? 30_000;
    const children: ChildProcess[] = [];
    let spawnError: Error | undefined;
    const ours = () => children.find((c) => c.spawnfile === executablePath);
    const onChild = (message: unknown) => {
      const child = (message as { process?: ChildProcess }).process;
      if (!child) return;
      children.push(child);
      child.on('error', (error) => {
        if (child.spawnfile === executablePath) spawnError ??= error;
      });
    };
    subscribe('child_process', onChild);
    let timer: NodeJS.Timeout | undefined;
    try {
      const launching = puppeteer.launch({
        executablePath,
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
      });
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          killGroup(ours());
          reject(new Error(`Chromium did not answer within ${timeoutMs / 1000} s`));
        }, timeoutMs);
      });
      launching.catch(() => undefined);
      return await Promise.race([launching, timedOut]);
    } catch (error) {
      if (error instanceof PipelineError) throw error;
      const reason = spawnError ?? error;
      throw new BrowserLaunchError(executablePath, launchReason(reason), { cause: reason });
    } finally {
      clearTimeout(timer);
      unsubscribe('child_process', onChild);
    }
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

  /**
   * Closes the browser for good: later renders fail instead of launching Chromium again (a
   * server shutting down must not relaunch it for a job still running). Bounded: a browser
   * that does not close within `graceMs` is killed.
   */
  async shutdown(graceMs = 5000): Promise<void> {
    this.shutDownForGood = true;
    const browser = await Promise.race([this.browserPromise?.catch(() => undefined), sleep(graceMs)]);
    let timer: NodeJS.Timeout | undefined;
    const killed = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        if (browser) browser.process()?.kill('SIGKILL');
        resolve();
      }, graceMs);
    });
    await Promise.race([this.close(), killed]);
    clearTimeout(timer);
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

/** Why a launch failed, in words: the spawn's errno says more than its message. */
function launchReason(reason: unknown): string {
  const code = (reason as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES') return 'it cannot be executed (EACCES: a folder, or a file without execute permission)';
  if (code === 'ENOENT') return 'no such file (ENOENT)';
  if (code === 'ENOTDIR') return 'a part of its path is a file, not a folder (ENOTDIR)';
  return reason instanceof Error ? reason.message.split('\n')[0]! : String(reason);
}

/**
 * Kills a launched browser and everything it started: puppeteer spawns it as the leader of a
 * process group of its own, so a wrapper script's children (which keep the pipes open, and
 * with them this process) go too.
 */
function killGroup(child: ChildProcess | undefined): void {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
