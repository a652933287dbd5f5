/**
 * The Kubernetes view of one YAML document: identity (apiVersion, kind, namespace, name), labels and
 * annotations, plus access to any node and its range by path. Built lazily from the parsed document.
 */
import { isMap as isMapNode, type Document, type Node } from 'yaml';
import type { YamlChunk, Range } from './yamlFile';
import { nodeAt, nodeRange, scalarString, stringMap, type NodePath } from './yamlNodes';
import { isOpenNode, isUnknownText, MASK_CHAR } from './templates';
import { isToolConfig } from './documentKind';
import { Memo } from './memo';
import type { FileRole } from './fileKind';

export class K8sObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  /** The name is (partly) a template action or placeholder: this object may be the one any reference names. */
  readonly nameUnknown: boolean;
  /** Undefined when absent or unknown (a template action or placeholder). */
  readonly namespace?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  /** Results derived from this document alone (lives as long as the document's text is unchanged). */
  readonly memo = new Memo();

  constructor(
    readonly uri: string,
    readonly chunk: YamlChunk,
    readonly doc: Document.Parsed,
    /** Index of the document inside its chunk (0 unless `...` markers put several in one chunk). */
    readonly docIndex: number,
    /** What its file is (model/fileKind.ts): a Helm chart file holds no objects; a kustomization is a tool's file. */
    readonly fileRole: FileRole = 'manifest',
  ) {
    const root = doc.contents;
    this.apiVersion = scalarString(nodeAt(root, ['apiVersion'], doc));
    this.kind = scalarString(nodeAt(root, ['kind'], doc));
    this.name = scalarString(nodeAt(root, ['metadata', 'name'], doc));
    this.nameUnknown = this.name !== undefined && isUnknownText(this.name);
    // A namespace that is a template action or placeholder may be any: like no namespace (see sameNamespace).
    const ns = scalarString(nodeAt(root, ['metadata', 'namespace'], doc));
    this.namespace = ns !== undefined && isUnknownText(ns) ? undefined : ns;
    this.labels = stringMap(nodeAt(root, ['metadata', 'labels'], doc), doc);
    this.annotations = stringMap(nodeAt(root, ['metadata', 'annotations'], doc), doc);
  }

  /** API group ('' for the core group), e.g. `networking.k8s.io`. */
  get group(): string {
    const v = this.apiVersion ?? '';
    const i = v.indexOf('/');
    return i === -1 ? '' : v.slice(0, i);
  }

  /** `Kind namespace/name` (namespace omitted when not set). */
  get displayName(): string {
    const name = this.name === undefined ? '(unnamed)' : this.name.replace(new RegExp(`${MASK_CHAR}+`, 'g'), '{{…}}');
    return `${this.kind ?? '?'} ${this.namespace ? this.namespace + '/' : ''}${name}`;
  }

  get root(): Node | undefined {
    return (this.doc.contents ?? undefined) as Node | undefined;
  }

  /** The node at a path under the document root (following aliases). */
  node(path: NodePath): Node | undefined {
    return nodeAt(this.doc.contents, path, this.doc);
  }

  /** File range of the node at a path, or of the whole document when the path is absent. */
  rangeOf(path: NodePath): Range {
    const r = nodeRange(this.node(path)) ?? this.documentOffsets();
    return this.chunk.toRange(r[0], r[1]);
  }

  /** Chunk-relative [start, end) of the whole document's contents. */
  documentOffsets(): [number, number] {
    const r =
      nodeRange(this.doc.contents) ??
      (this.doc.range ? ([this.doc.range[0], this.doc.range[1]] as [number, number]) : ([0, 0] as [number, number]));
    return r;
  }

  /** A tool's file (eksctl, Kustomize, kubeconfig, …) rather than an API object: see model/documentKind.ts. */
  get isToolConfig(): boolean {
    return this.fileRole === 'kustomization' || isToolConfig(this.apiVersion, this.kind);
  }

  /** Whether template actions were masked in this object's chunk (see model/templates.ts). */
  get hasTemplates(): boolean {
    return this.chunk.masked.length > 0;
  }

  /** Whether a line of this object's chunk holds only template actions (`{{- if }}`, `{{ include … }}`): its structure may differ once rendered. */
  get hasTemplateLines(): boolean {
    return this.chunk.masked.some((m) => m.line);
  }

  /**
   * Whether a template action may inject content into this node or the node at this path (then no
   * "missing field" finding may come from it). `after`: for an absent or empty value, the offset after its key.
   */
  isOpen(at: Node | NodePath | undefined, after?: number): boolean {
    if (!this.hasTemplates) return false;
    const node = Array.isArray(at) ? this.node(at) : at;
    return isOpenNode(node, this.chunk.text, this.chunk.masked, after);
  }

  /**
   * Whether this document is checked at all: it looks like a Kubernetes object (has apiVersion or kind), or
   * it is a kustomization (which may have neither). Never in a Helm chart's own files (Chart.yaml, values).
   */
  get isManifest(): boolean {
    if (this.fileRole === 'helm') return false;
    if (this.fileRole === 'kustomization') return isMapNode(this.doc.contents);
    return this.apiVersion !== undefined || this.kind !== undefined;
  }
}

/** Namespaces compare equal when either side does not say (it is applied with `-n` or the context's). */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}
