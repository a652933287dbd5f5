/** The service's own diagnostic shape: ranges are chunk-relative offsets until published. */
import type { YamlChunk } from '@shared/manifest/yamlFile';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** One documented diagnostic code. Every code a check reports must be declared by its module. */
export interface DiagnosticCodeInfo {
  code: string;
  severity: Severity;
  /** Which part of the product reports it (e.g. "core", "alb", "nodepool", "networkpolicy"). */
  area: string;
  /** One line for the docs table: what it catches. */
  summary: string;
  /**
   * A generic check's code (the schema engine's): on a line where a more specific finding starts, the user
   * sees only that one, which explains more (one diagnostic per mistake).
   */
  generic?: boolean;
  /**
   * The finding says something is absent (a field, an annotation, an object). The engine drops such findings
   * where a template may inject the content (checks/unknownValues.ts) and on partial objects (Kustomize
   * patches). Codes named `missing-*` or `*-required` count as such without saying so.
   */
  absence?: boolean;
  /**
   * The check reads `{{ … }}` text of its own tool (the EBS CSI driver's tag templates): outside a chart's
   * `templates/` folder such text is that tool's syntax, not Helm's, and the finding is kept there.
   */
  readsTemplates?: boolean;
  /**
   * The finding says an object is not in the workspace (a missing Service, a selector that matches nothing):
   * not reported while the workspace index is incomplete (the scan stopped at its file limit, or is still
   * running), since the object may be in a file it has not read.
   */
  notInWorkspace?: boolean;
}

/** A text edit in file positions (produced by checks for quick fixes). */
export interface FixEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix attached to a finding; edits are chunk-relative offsets in the finding's chunk. */
export interface Fix {
  title: string;
  edits: FixEdit[];
  preferred?: boolean;
}

export interface Finding {
  code: string;
  message: string;
  chunk: YamlChunk;
  start: number;
  end: number;
  /** Overrides the code's default severity (e.g. a check with an error and a warning form). */
  severity?: Severity;
  fixes?: Fix[];
  tags?: ('unnecessary' | 'deprecated')[];
  related?: { uri: string; chunk: YamlChunk; start: number; end: number; message: string }[];
}
