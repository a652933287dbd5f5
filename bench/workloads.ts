/**
 * Deterministic benchmark workloads: a realistic multi-document EKS file of any size, a file heavy with
 * anchors/aliases and merge keys, and the positions where completion and hover are measured.
 *
 * Each document is one of: Namespace, Deployment, Service, ALB Ingress (with an `actions.*` JSON block),
 * NetworkPolicy, NodePool, in a fixed rotation, about 0.55 KB each (5,000 documents ≈ 2.8 MB).
 */

export interface Probe {
  /** What is being asked, e.g. "annotation key". */
  name: string;
  /** 0-based line and UTF-16 character. */
  line: number;
  character: number;
}

export interface Workload {
  name: string;
  /** Documents in the file (for the growth table). */
  docs: number;
  text: string;
  /** Where completion and hover are measured (in the middle of the file). */
  probes: Probe[];
  /** Where the one-character edit goes (the middle of the file, inside a value). */
  edit: { line: number; character: number };
}

function namespace(i: number): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: team-${i}
  labels:
    team: team-${i}
    environment: production
`;
}

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: team-${i % 50}
  labels:
    app.kubernetes.io/name: web-${i}
    app.kubernetes.io/part-of: shop
spec:
  replicas: ${2 + (i % 4)}
  selector:
    matchLabels:
      app.kubernetes.io/name: web-${i}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web-${i}
        tier: frontend
    spec:
      containers:
        - name: web
          image: public.ecr.aws/nginx/nginx:1.27.${i % 10}
          ports:
            - name: http
              containerPort: 8080
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
`;
}

function service(i: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: web-${i - 1}
  namespace: team-${(i - 1) % 50}
  labels:
    app.kubernetes.io/name: web-${i - 1}
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: web-${i - 1}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
`;
}

function ingress(i: number): string {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop-${i}
  namespace: team-${(i - 2) % 50}
  annotations:
    alb.ingress.kubernetes.io/scheme: internet-facing
    alb.ingress.kubernetes.io/target-type: ip
    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
    alb.ingress.kubernetes.io/ssl-redirect: "443"
    alb.ingress.kubernetes.io/healthcheck-path: /healthz
    alb.ingress.kubernetes.io/group.name: shop
    alb.ingress.kubernetes.io/actions.rollout: >
      {"type": "forward", "forwardConfig": {"targetGroups": [
        {"serviceName": "web-${i - 2}", "servicePort": 80, "weight": 90},
        {"serviceName": "web-${i - 2}", "servicePort": 80, "weight": 10}],
        "targetGroupStickinessConfig": {"enabled": false}}}
spec:
  ingressClassName: alb
  rules:
    - host: shop-${i}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: rollout
                port:
                  name: use-annotation
`;
}

function networkPolicy(i: number): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web-${i}
  namespace: team-${(i - 3) % 50}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: web-${i - 3}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ingress
      ports:
        - protocol: TCP
          port: 8080
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/16
      ports:
        - protocol: TCP
          port: 443
`;
}

function nodePool(i: number): string {
  return `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: general-${i}
spec:
  template:
    spec:
      nodeClassRef:
        group: eks.amazonaws.com
        kind: NodeClass
        name: default
      expireAfter: 336h
      requirements:
        - key: eks.amazonaws.com/instance-category
          operator: In
          values: ["c", "m", "r"]
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["on-demand"]
  disruption:
    consolidationPolicy: WhenEmptyOrUnderutilized
    consolidateAfter: 1m
  limits:
    cpu: "200"
`;
}

const ROTATION = [namespace, deployment, service, ingress, networkPolicy, nodePool];

/** Find `needle` at or after line `fromLine` in `lines`; position `delta` characters into it. */
function probeAt(lines: string[], fromLine: number, needle: string, delta: number, name: string): Probe {
  for (let l = fromLine; l < lines.length; l++) {
    const c = lines[l].indexOf(needle);
    if (c >= 0) return { name, line: l, character: c + delta };
  }
  for (let l = 0; l < lines.length; l++) {
    const c = lines[l].indexOf(needle);
    if (c >= 0) return { name, line: l, character: c + delta };
  }
  throw new Error(`probe "${needle}" not found`);
}

/** The standard probes, searched from the middle of the file. */
export function standardProbes(text: string): { probes: Probe[]; edit: { line: number; character: number } } {
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 2);
  const probes = [
    // Inside the key, after "alb.ingress.kubernetes.io/sch".
    probeAt(lines, mid, 'alb.ingress.kubernetes.io/scheme:', 'alb.ingress.kubernetes.io/sch'.length, 'annotation key'),
    // Inside the value "internet-".
    probeAt(lines, mid, 'internet-facing', 'internet-'.length, 'annotation value'),
    // Inside the requirement key value "karpenter.sh/capa".
    probeAt(lines, mid, '- key: karpenter.sh/capacity-type', '- key: karpenter.sh/capa'.length, 'NodePool requirement'),
    // On the selector key "matchLa" under podSelector.
    probeAt(lines, probeAt(lines, mid, 'podSelector:', 0, '').line, 'matchLabels:', 'matchLa'.length, 'NetworkPolicy selector'),
  ];
  // The edit: inside the `replicas:` value of a Deployment in the middle (a digit becomes another digit).
  const r = probeAt(lines, mid, 'replicas: ', 'replicas: '.length, 'edit');
  return { probes, edit: { line: r.line, character: r.character } };
}

/** Documents `from` … `from + count - 1` of the mixed rotation, joined into one multi-document text. */
function mixedText(from: number, count: number): string {
  const parts: string[] = [];
  for (let i = from; i < from + count; i++) parts.push(ROTATION[i % ROTATION.length](i));
  return parts.join('---\n');
}

export function mixedWorkload(docs: number): Workload {
  const text = mixedText(0, docs);
  return { name: `mixed ${docs.toLocaleString('en-US')} docs`, docs, text, ...standardProbes(text) };
}

export interface WorkspaceWorkload {
  name: string;
  docs: number;
  /** Relative file names and texts (`team-NNNN/manifests.yaml`). */
  files: { name: string; text: string }[];
  /** The file that is opened in the editor (the middle one), with its probes. */
  opened: number;
  probes: Probe[];
}

/**
 * The mixed workload spread over many files: `docs` documents in `files` files of `docs / files` each, in
 * one folder per file, numbered on from one file to the next (so every object name is unique). Every
 * file holds each kind of the rotation when it has at least six documents.
 */
export function mixedWorkspace(docs: number, files: number): WorkspaceWorkload {
  const per = Math.max(1, Math.floor(docs / files));
  const out: { name: string; text: string }[] = [];
  const width = String(files).length;
  for (let f = 0; f < files; f++) {
    out.push({ name: `team-${String(f).padStart(width, '0')}/manifests.yaml`, text: mixedText(f * per, per) + '\n' });
  }
  const opened = Math.floor(files / 2);
  return {
    name: `mixed workspace, ${(per * files).toLocaleString('en-US')} docs in ${files.toLocaleString('en-US')} files`,
    docs: per * files,
    files: out,
    opened,
    probes: standardProbes(out[opened].text).probes,
  };
}

/**
 * Anchors and aliases everywhere: each Deployment defines shared labels/resources/env as anchors and uses
 * them through aliases and `<<` merge keys (YAML anchors are per document). Other kinds rotate in as usual.
 */
export function anchorWorkload(docs: number): Workload {
  const parts: string[] = [];
  for (let i = 0; i < docs; i++) {
    if (i % 6 !== 1) {
      parts.push(ROTATION[i % ROTATION.length](i));
      continue;
    }
    parts.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: team-${i % 50}
  labels: &labels
    app.kubernetes.io/name: web-${i}
    app.kubernetes.io/part-of: shop
spec:
  replicas: ${2 + (i % 4)}
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels:
        <<: *labels
        tier: frontend
    spec:
      containers:
        - &container
          name: web
          image: public.ecr.aws/nginx/nginx:1.27.${i % 10}
          env: &env
            - name: LOG_LEVEL
              value: info
            - name: REGION
              value: eu-west-1
          resources: &resources
            requests: &requests
              cpu: 100m
              memory: 128Mi
            limits:
              <<: *requests
              memory: 256Mi
        - <<: *container
          name: sidecar
          env: *env
          resources: *resources
      initContainers:
        - <<: *container
          name: init
`);
  }
  const text = parts.join('---\n');
  return { name: `anchors ${docs.toLocaleString('en-US')} docs`, docs, text, ...standardProbes(text) };
}
