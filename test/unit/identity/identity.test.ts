/**
 * Every identity diagnostic firing on the wrong form and silent on the right one, with its exact range. The
 * rules come from aws/amazon-eks-pod-identity-webhook (commit 3bf80a34, 2026-08): pkg/cache/cache.go addSA
 * (role-arn regexp, strconv.ParseBool for sts-regional-endpoints, strconv.ParseInt for token-expiration),
 * pkg/validation.go ValidateMinTokenExpiration (600), pkg/constants.go (86400), pkg/handler/handler.go
 * (Pod annotations; buildPodPatchConfig gives container credentials precedence), pkg/annotations.go (names);
 * eksctl `iam.podIdentityAssociations` / `iam.serviceAccounts` (eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, serviceWith, uriOf, withCode } from '../../helpers/service';
import { IDENTITY_CODES } from '../../../server/src/service/identity/codes';

const sa = (annotations: string, name = 'app', ns = 'shop') => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${ns}
  annotations:
${annotations.replace(/^/gm, '    ')}
`;
/** A Deployment in namespace shop with these own annotations and Pod-template annotations. */
const deploy = (opts: { own?: string; pod?: string; sa?: string; containers?: string } = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
${opts.own ? `  annotations:\n${opts.own.replace(/^/gm, '    ')}\n` : ''}spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
${opts.pod ? `      annotations:\n${opts.pod.replace(/^/gm, '        ')}\n` : ''}    spec:
${opts.sa ? `      serviceAccountName: ${opts.sa}\n` : ''}      containers:
${(opts.containers ?? '- name: web\n  image: nginx\n- name: proxy\n  image: envoy').replace(/^/gm, '        ')}
`;

const ROLE = 'arn:aws:iam::111122223333:role/s3-reader';

interface Case {
  code: string;
  why: string;
  fire: string;
  silent: string;
  fireText: string;
  severity?: number;
  files?: Record<string, string>;
}

const cases: Case[] = [
  {
    code: 'irsa-role-arn-format',
    why: 'cache.go addSA regexp: 12-digit account',
    fire: sa('eks.amazonaws.com/role-arn: arn:aws:iam::1111222233:role/s3-reader'),
    silent: sa(`eks.amazonaws.com/role-arn: ${ROLE}`),
    fireText: 'arn:aws:iam::1111222233:role/s3-reader',
    severity: 1,
  },
  {
    code: 'irsa-role-arn-format',
    why: 'cache.go addSA regexp: role/ resource',
    fire: sa('eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:user/bob'),
    silent: sa(`eks.amazonaws.com/role-arn: ${ROLE}`),
    fireText: 'arn:aws:iam::111122223333:user/bob',
  },
  {
    code: 'irsa-role-arn-format',
    why: 'cache.go: a bare name is composed only with --compose-role-arn',
    fire: sa('eks.amazonaws.com/role-arn: s3-reader'),
    silent: sa('eks.amazonaws.com/role-arn: arn:aws-cn:iam::111122223333:role/path/s3-reader'),
    fireText: 's3-reader',
    severity: 2,
  },
  {
    code: 'irsa-role-arn-format',
    why: 'the regexp accepts aws[a-z0-9-]*, STS only real partitions',
    fire: sa('eks.amazonaws.com/role-arn: arn:awss:iam::111122223333:role/x'),
    silent: sa('eks.amazonaws.com/role-arn: arn:aws-us-gov:iam::111122223333:role/x'),
    fireText: 'arn:awss:iam::111122223333:role/x',
    severity: 2,
  },
  {
    code: 'irsa-sts-regional-value',
    why: 'cache.go strconv.ParseBool, error → ignored',
    fire: sa('eks.amazonaws.com/sts-regional-endpoints: "yes"'),
    silent: sa('eks.amazonaws.com/sts-regional-endpoints: "True"'),
    fireText: '"yes"',
  },
  {
    code: 'irsa-token-expiration',
    why: 'cache.go strconv.ParseInt, error → ignored',
    fire: sa('eks.amazonaws.com/token-expiration: "1h"'),
    silent: sa('eks.amazonaws.com/token-expiration: "3600"'),
    fireText: '"1h"',
  },
  {
    code: 'irsa-token-expiration',
    why: 'validation.go ValidateMinTokenExpiration raises to 600',
    fire: sa('eks.amazonaws.com/token-expiration: "300"'),
    silent: sa('eks.amazonaws.com/token-expiration: "600"'),
    fireText: '"300"',
    severity: 2,
  },
  {
    code: 'irsa-token-expiration',
    why: "handler.go parsePodAnnotations reads the Pod's value the same way",
    fire: deploy({ pod: 'eks.amazonaws.com/token-expiration: "90s"' }),
    silent: deploy({ pod: 'eks.amazonaws.com/token-expiration: "900"' }),
    fireText: '"90s"',
  },
  // awsdocs/amazon-eks-user-guide issue story: eks.amazon.com/role-arn (missing "aws") is never read (webhook #200).
  {
    code: 'irsa-annotation-typo',
    why: 'annotations.go: prefix eks.amazonaws.com + "role-arn"',
    fire: sa(`eks.amazon.com/role-arn: ${ROLE}`),
    silent: sa(`eks.amazonaws.com/role-arn: ${ROLE}`),
    fireText: 'eks.amazon.com/role-arn',
  },
  {
    code: 'irsa-annotation-typo',
    why: 'annotations.go RoleARNAnnotation = "role-arn"',
    fire: sa(`eks.amazonaws.com/role_arn: ${ROLE}`),
    silent: sa(`eks.amazonaws.com/role-arn: ${ROLE}`),
    fireText: 'eks.amazonaws.com/role_arn',
  },
  {
    code: 'irsa-annotation-misplaced',
    why: 'cache.go reads role-arn from the ServiceAccount only',
    fire: deploy({ pod: `eks.amazonaws.com/role-arn: ${ROLE}` }),
    silent: deploy({ pod: 'eks.amazonaws.com/token-expiration: "3600"' }),
    fireText: 'eks.amazonaws.com/role-arn',
  },
  {
    code: 'irsa-annotation-misplaced',
    why: "the webhook sees the Pod, never the Deployment's own metadata",
    fire: deploy({ own: 'eks.amazonaws.com/token-expiration: "3600"' }),
    silent: deploy({ pod: 'eks.amazonaws.com/token-expiration: "3600"' }),
    fireText: 'eks.amazonaws.com/token-expiration',
  },
  {
    code: 'irsa-annotation-misplaced',
    why: "handler.go getContainersToSkip reads the Pod's annotation",
    fire: sa('eks.amazonaws.com/skip-containers: proxy'),
    silent: sa('eks.amazonaws.com/audience: sts.amazonaws.com'),
    fireText: 'eks.amazonaws.com/skip-containers',
  },
  {
    code: 'irsa-skip-containers',
    why: 'handler.go getContainersToSkip: names compared with container names',
    fire: deploy({ pod: 'eks.amazonaws.com/skip-containers: "proxi"' }),
    silent: deploy({ pod: 'eks.amazonaws.com/skip-containers: "proxy"' }),
    fireText: '"proxi"',
  },
];

for (const [i, c] of cases.entries()) {
  test(`${c.code} #${i} (${c.why}): fires on the wrong form, silent on the right one`, () => {
    const fired = withCode(diagnose(c.fire, {}, c.files), c.code);
    assert.ok(fired.length > 0, `${c.code} did not fire on:\n${c.fire}`);
    const lines = c.fire.split('\n');
    const r = fired[0].range;
    assert.equal(lines[r.start.line].slice(r.start.character, r.end.character), c.fireText, `range of ${c.code}`);
    if (c.severity) assert.equal(fired[0].severity, c.severity);
    const silent = withCode(diagnose(c.silent, {}, c.files), c.code);
    assert.deepEqual(
      silent.map((d) => d.message),
      [],
      `${c.code} fired on the right form:\n${c.silent}`,
    );
  });
}

test('skip-containers is split as CSV without trimming (handler.go getContainersToSkip uses encoding/csv)', () => {
  const d = withCode(diagnose(deploy({ pod: 'eks.amazonaws.com/skip-containers: "web, proxy"' })), 'irsa-skip-containers');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /" proxy" keeps its spaces/);
  assert.deepEqual(withCode(diagnose(deploy({ pod: 'eks.amazonaws.com/skip-containers: "web,proxy"' })), 'irsa-skip-containers'), []);
});

test('every identity code has a firing case (the workspace ones below)', () => {
  const covered = new Set([...cases.map((c) => c.code), 'serviceaccount-missing', 'irsa-and-pod-identity']);
  for (const c of IDENTITY_CODES) assert.ok(covered.has(c.code), `no test for ${c.code}`);
});

test('placeholders and templates in the role ARN are not judged; unrelated annotations are left alone', () => {
  for (const v of [
    '${CARTS_IAM_ROLE}',
    'arn:aws:iam::<ACCOUNT_ID>:role/x',
    'arn:aws:iam::ACCOUNT_ID:role/x',
    'arn:aws:iam::xxxxxxxxxxxx:role/x',
    '"{{ .Values.roleArn }}"',
  ]) {
    assert.deepEqual(withCode(diagnose(sa(`eks.amazonaws.com/role-arn: ${v}`)), 'irsa-role-arn-format'), [], v);
  }
  // kube2iam's iam.amazonaws.com/role, Fargate's compute-type, and others are not near misses.
  assert.deepEqual(
    diagnose(deploy({ pod: 'iam.amazonaws.com/role: my-role\neks.amazonaws.com/compute-type: fargate' })).filter((d) =>
      String(d.code).startsWith('irsa'),
    ),
    [],
  );
});

test('a token expiration above 86400 is information (pkg/constants.go MaxTokenExpiration)', () => {
  const d = withCode(diagnose(sa('eks.amazonaws.com/token-expiration: "172800"')), 'irsa-token-expiration');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 3);
});

test('the typo quick fix renames the key, and the renamed ServiceAccount is clean', () => {
  const text = sa(`eks.amazon.com/role-arn: ${ROLE}`);
  const s = serviceWith({ 'main.yaml': text });
  const d = withCode(s.validate(uriOf('main.yaml')), 'irsa-annotation-typo')[0];
  const e = (
    d.data as {
      fixes: { edits: { range: { start: { line: number; character: number }; end: { character: number } }; newText: string }[] }[];
    }
  ).fixes[0].edits[0];
  const lines = text.split('\n');
  lines[e.range.start.line] =
    lines[e.range.start.line].slice(0, e.range.start.character) + e.newText + lines[e.range.start.line].slice(e.range.end.character);
  assert.deepEqual(
    diagnose(lines.join('\n')).map((x) => x.code),
    [],
  );
});

test("serviceaccount-missing: a warning when the workspace declares the namespace's ServiceAccounts, else nothing", () => {
  const accounts = { 'sa.yaml': sa(`eks.amazonaws.com/role-arn: ${ROLE}`, 'web-sa') };
  const text = deploy({ sa: 'web-as' });
  const d = withCode(diagnose(text, {}, accounts), 'serviceaccount-missing');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 2);
  assert.match(d[0].message, /did you mean "web-sa"/);
  assert.equal(text.split('\n')[d[0].range.start.line].slice(d[0].range.start.character, d[0].range.end.character), 'web-as');
  assert.deepEqual(withCode(diagnose(deploy({ sa: 'web-sa' }), {}, accounts), 'serviceaccount-missing'), []);
  // No ServiceAccount declared in namespace shop: it may be created elsewhere.
  assert.deepEqual(
    withCode(diagnose(text, {}, { 'sa.yaml': sa(`eks.amazonaws.com/role-arn: ${ROLE}`, 'web-sa', 'other') }), 'serviceaccount-missing'),
    [],
  );
  assert.deepEqual(withCode(diagnose(text), 'serviceaccount-missing'), []);
  // A ServiceAccount with a templated name may be the one.
  assert.deepEqual(
    withCode(diagnose(text, {}, { ...accounts, 'tpl.yaml': sa('a: b', '"{{ .Values.sa }}"') }), 'serviceaccount-missing'),
    [],
  );
  // eksctl creates the ServiceAccounts it lists in iam.serviceAccounts.
  const eksctl =
    'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\niam:\n  withOIDC: true\n  serviceAccounts:\n    - metadata: {name: web-as, namespace: shop}\n      attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n';
  assert.deepEqual(withCode(diagnose(text, {}, { ...accounts, 'cluster.yaml': eksctl }), 'serviceaccount-missing'), []);
  // …and the ones a Pod Identity association creates (createServiceAccount: true).
  const created =
    'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\niam:\n  podIdentityAssociations:\n    - {namespace: shop, serviceAccountName: web-as, createServiceAccount: true, permissionPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]}\n';
  assert.deepEqual(withCode(diagnose(text, {}, { ...accounts, 'cluster.yaml': created }), 'serviceaccount-missing'), []);
  assert.equal(
    withCode(
      diagnose(text, {}, { ...accounts, 'cluster.yaml': created.replace('createServiceAccount: true', 'createServiceAccount: false') }),
      'serviceaccount-missing',
    ).length,
    1,
  );
  // "default" always exists; templated names are not judged.
  assert.deepEqual(withCode(diagnose(deploy({ sa: 'default' }), {}, accounts), 'serviceaccount-missing'), []);
  assert.deepEqual(withCode(diagnose(deploy({ sa: '"{{ include \\"x.sa\\" . }}"' }), {}, accounts), 'serviceaccount-missing'), []);
});

const CLUSTER = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: prod
  region: us-west-2
iam:
  podIdentityAssociations:
    - namespace: shop
      serviceAccountName: app
      roleARN: arn:aws:iam::111122223333:role/pod-identity-role
addons:
  - name: eks-pod-identity-agent
`;

test('irsa-and-pod-identity: the same ServiceAccount in eksctl podIdentityAssociations and with role-arn (handler.go buildPodPatchConfig)', () => {
  const text = sa(`eks.amazonaws.com/role-arn: ${ROLE}`);
  const d = withCode(diagnose(text, {}, { 'cluster.yaml': CLUSTER }), 'irsa-and-pod-identity');
  assert.equal(d.length, 1);
  assert.equal(
    text.split('\n')[d[0].range.start.line].slice(d[0].range.start.character, d[0].range.end.character),
    'eks.amazonaws.com/role-arn',
  );
  assert.match(d[0].message, /Pod Identity wins/);
  assert.equal(d[0].relatedInformation?.[0].location.uri, uriOf('cluster.yaml'));
  // Another ServiceAccount, or another namespace: silent.
  assert.deepEqual(
    withCode(diagnose(sa(`eks.amazonaws.com/role-arn: ${ROLE}`, 'other'), {}, { 'cluster.yaml': CLUSTER }), 'irsa-and-pod-identity'),
    [],
  );
  assert.deepEqual(
    withCode(diagnose(sa(`eks.amazonaws.com/role-arn: ${ROLE}`, 'app', 'prod'), {}, { 'cluster.yaml': CLUSTER }), 'irsa-and-pod-identity'),
    [],
  );
  // No IRSA annotation: Pod Identity alone is fine.
  assert.deepEqual(
    withCode(diagnose(sa('eks.amazonaws.com/audience: sts.amazonaws.com'), {}, { 'cluster.yaml': CLUSTER }), 'irsa-and-pod-identity'),
    [],
  );
  // Associations of an add-on count too.
  const addon =
    'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\naddons:\n  - name: aws-ebs-csi-driver\n    podIdentityAssociations:\n      - namespace: kube-system\n        serviceAccountName: ebs-csi-controller-sa\n        permissionPolicyARNs: [arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy]\n';
  assert.equal(
    withCode(
      diagnose(sa(`eks.amazonaws.com/role-arn: ${ROLE}`, 'ebs-csi-controller-sa', 'kube-system'), {}, { 'cluster.yaml': addon }),
      'irsa-and-pod-identity',
    ).length,
    1,
  );
});

test('go to definition and hover from serviceAccountName; hover on the workload names its IAM role', () => {
  const text = deploy({ sa: 'app' });
  const s = serviceWith({ 'main.yaml': text, 'sa.yaml': sa(`eks.amazonaws.com/role-arn: ${ROLE}`), 'cluster.yaml': CLUSTER });
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('serviceAccountName: app'));
  const pos = { line, character: lines[line].indexOf('app') + 1 };
  const defs = s.definition(uriOf('main.yaml'), pos);
  assert.equal(defs?.[0].uri, uriOf('sa.yaml'));
  assert.equal(defs?.[0].range.start.line, 3);
  const h = JSON.stringify(s.hover(uriOf('main.yaml'), pos)?.contents);
  assert.match(h, /pod-identity-role/);
  assert.match(h, /s3-reader/);
  assert.match(h, /new Pods get the Pod Identity role/);
  const nameLine = lines.findIndex((l) => l.includes('name: web'));
  const hn = JSON.stringify(s.hover(uriOf('main.yaml'), { line: nameLine, character: lines[nameLine].indexOf('web') + 1 })?.contents);
  assert.match(hn, /ServiceAccount `app`/);
  // Without any role: no hover on the name.
  const s2 = serviceWith({ 'main.yaml': text, 'sa.yaml': sa('a: b') });
  assert.equal(s2.hover(uriOf('main.yaml'), { line: nameLine, character: lines[nameLine].indexOf('web') + 1 }), undefined);
});

test('completion: IRSA keys on a ServiceAccount, Pod keys on a Pod template, ServiceAccount names', () => {
  const text = sa('eks.');
  const s = serviceWith({ 'main.yaml': text });
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.trim() === 'eks.');
  const items = s.complete(uriOf('main.yaml'), { line, character: lines[line].length })?.items.map((i) => i.label) ?? [];
  assert.ok(items.includes('eks.amazonaws.com/role-arn') && items.includes('eks.amazonaws.com/sts-regional-endpoints'), items.join(','));
  assert.ok(!items.includes('eks.amazonaws.com/skip-containers'));
  const pod = deploy({ pod: 'eks.' });
  const pl = pod.split('\n');
  const pline = pl.findIndex((l) => l.trim() === 'eks.');
  const pitems =
    serviceWith({ 'main.yaml': pod })
      .complete(uriOf('main.yaml'), { line: pline, character: pl[pline].length })
      ?.items.map((i) => i.label) ?? [];
  assert.deepEqual(pitems.sort(), ['eks.amazonaws.com/skip-containers', 'eks.amazonaws.com/token-expiration']);
  const named = deploy({ sa: 'ap' });
  const nl = named.split('\n');
  const nline = nl.findIndex((l) => l.includes('serviceAccountName: ap'));
  const names =
    serviceWith({ 'main.yaml': named, 'sa.yaml': sa(`eks.amazonaws.com/role-arn: ${ROLE}`) }).complete(uriOf('main.yaml'), {
      line: nline,
      character: nl[nline].length,
    })?.items ?? [];
  assert.deepEqual(
    names.map((i) => [i.label, i.detail]),
    [['app', `IRSA role ${ROLE}`]],
  );
});

test('hostile shapes never throw', () => {
  for (const t of [
    sa('[1]'),
    sa('eks.amazonaws.com/role-arn: [a]\neks.amazonaws.com/token-expiration: {a: 1}'),
    deploy({ sa: '[x]', pod: 'eks.amazonaws.com/skip-containers: {a: b}' }),
    'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\niam: {podIdentityAssociations: [1, [2], {namespace: [x]}]}\naddons: 3\n',
  ]) {
    diagnose(t, {}, { 'c.yaml': CLUSTER });
  }
});
