/**
 * When diagnostics are computed and published. After an edit of a document:
 *
 *   edited(uri)                 the index already holds the new text
 *     → schedule(uri, quick)    at once (0 ms timer, so a burst of edits publishes once)
 *     → publishQuick(uri)       fresh local findings everywhere, fresh cross-document findings for the
 *                               edited documents, earlier ones for the rest (service.validateQuick)
 *     → startRefresh(uri)       when that was not complete: once that publish is written, 10 ms later,
 *                               ~10 ms slices of
 *     → refreshStep(uri)        service.refreshWorkspaceFindings, yielding to requests in between
 *     → publishComplete(uri)    the complete set, for the same document version (service.validate)
 *   and every other open document is re-checked 300 ms later (revalidateOthers).
 *
 * A new edit of the same document cancels its pending refresh and starts over. Nothing here knows about
 * LSP: the host publishes and tells which documents are open.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LanguageService } from '../service/languageService';

export interface SchedulerHost {
  service: Pick<LanguageService, 'validate' | 'validateQuick' | 'refreshWorkspaceFindings'>;
  /** The version of an open document; undefined when it is not open (then nothing is published for it). */
  versionOf(uri: string): number | undefined;
  openUris(): string[];
  /**
   * Send the diagnostics; a promise, when given, settles once the message is written. The refresh waits for
   * it: a publish of a large file leaves the process in pieces of the pipe's size, one per turn of the event
   * loop, so refresh slices started at once would hold the quick answer back until they were done.
   */
  publish(uri: string, version: number, diagnostics: Diagnostic[]): void | Promise<void>;
  log(message: string): void;
}

/** Delays, in milliseconds. */
export const SCHEDULE = { refreshStart: 10, slice: 10, others: 300 } as const;

export class ValidationScheduler {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly refreshing = new Map<string, NodeJS.Timeout | NodeJS.Immediate>();

  constructor(private readonly host: SchedulerHost) {}

  /** A document was opened: check it now, and the others a little later (their cross-document findings). */
  opened(uri: string): void {
    this.schedule(uri, 0, false);
    this.revalidateOthers(uri);
  }

  /** A document's text changed (the service has it): quick publish, then the complete one. */
  edited(uri: string): void {
    this.cancelRefresh(uri);
    this.schedule(uri, 0, true);
    this.revalidateOthers(uri);
  }

  /** Settings changed or indexing finished: every open document again. */
  validateAll(delay = 0): void {
    for (const uri of this.host.openUris()) this.schedule(uri, delay, false);
  }

  /** Files on disk changed: the open documents' cross-document findings may have changed. */
  revalidateOthers(changedUri: string | undefined): void {
    for (const uri of this.host.openUris()) if (uri !== changedUri) this.schedule(uri, SCHEDULE.others, false);
  }

  closed(uri: string): void {
    const t = this.pending.get(uri);
    if (t) clearTimeout(t);
    this.pending.delete(uri);
    this.cancelRefresh(uri);
  }

  dispose(): void {
    for (const uri of [...this.pending.keys(), ...this.refreshing.keys()]) this.closed(uri);
  }

  private schedule(uri: string, delay: number, quick: boolean): void {
    const existing = this.pending.get(uri);
    if (existing) clearTimeout(existing);
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        if (quick) this.publishQuick(uri);
        else this.publishComplete(uri);
      }, delay),
    );
  }

  private publishQuick(uri: string): void {
    const version = this.host.versionOf(uri);
    if (version === undefined) return;
    this.attempt(uri, () => {
      const { diagnostics, complete } = this.host.service.validateQuick(uri);
      const sent = this.host.publish(uri, version, diagnostics);
      if (complete) return;
      if (!sent) return this.startRefresh(uri);
      // Only for the version it follows: a later edit publishes and refreshes anew, a close needs neither.
      const start = (): void => {
        if (this.host.versionOf(uri) === version) this.startRefresh(uri);
      };
      sent.then(start, start);
    });
  }

  private publishComplete(uri: string): void {
    const version = this.host.versionOf(uri);
    if (version === undefined) return;
    this.cancelRefresh(uri);
    this.attempt(uri, () => this.host.publish(uri, version, this.host.service.validate(uri)));
  }

  private startRefresh(uri: string): void {
    this.cancelRefresh(uri);
    this.refreshing.set(
      uri,
      setTimeout(() => this.refreshStep(uri), SCHEDULE.refreshStart),
    );
  }

  private refreshStep(uri: string): void {
    if (this.host.versionOf(uri) === undefined) {
      this.refreshing.delete(uri);
      return;
    }
    let done = true;
    this.attempt(uri, () => {
      done = this.host.service.refreshWorkspaceFindings(uri, SCHEDULE.slice);
    });
    if (!done) {
      this.refreshing.set(
        uri,
        setImmediate(() => this.refreshStep(uri)),
      );
      return;
    }
    this.refreshing.delete(uri);
    this.publishComplete(uri);
  }

  private cancelRefresh(uri: string): void {
    const r = this.refreshing.get(uri);
    if (!r) return;
    clearTimeout(r as NodeJS.Timeout);
    clearImmediate(r as NodeJS.Immediate);
    this.refreshing.delete(uri);
  }

  private attempt(uri: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.host.log(`Validation of ${uri} failed: ${(err as Error).stack}`);
    }
  }
}
