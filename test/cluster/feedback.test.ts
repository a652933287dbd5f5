/**
 * What the user reads when the real kube-apiserver rejects a file: each problem on the field the server
 * names (or metadata.namespace, apiVersion, metadata.name), in plain words without Go's notation, and for
 * a built-in API this cluster does not serve, which versions it serves and which Kubernetes version added
 * the one in the file (from the language service's catalog). Dry-runs only: nothing is created.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, docs } from './helpers';
import { applyManifests, fieldProblems, readServerVersion, type ObjectResult } from '../../client/src/cluster';

/** Dry-runs one document and returns its problems with their 1-based lines, in file order. */
async function problemsOf(text: string): Promise<{ line: number; field: string; message: string }[]> {
  const [doc] = docs(text);
  const report = await applyManifests(admin(), [doc], { dryRunOnly: true });
  const failed = report.dryRun.find((r: ObjectResult) => r.outcome === 'failed');
  assert.ok(failed, `the server accepted it: ${report.dryRun.map((r) => r.message).join('; ')}`);
  return fieldProblems(failed.error!, doc.object, doc.label)
    .map((p) => ({ line: doc.rangeOfField(p.field).start.line + 1, field: p.field, message: p.message }))
    .sort((a, b) => a.line - b.line); // the server lists them in no fixed order
}

const noGo = (m: string) => assert.doesNotMatch(m, /valueUnstructured|map\[string\]|typed patch/, m);

describe('cluster rejections on the field the server names', () => {
  const cases: { name: string; text: string; want: { line: number; field: string; message: RegExp }[] }[] = [
    {
      // SSA typed patch: ".metadata.labels.tier: expected string, got &value.valueUnstructured{Value:1}"
      name: 'a label given as a number: on the label, with the value the file has and the fix',
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fb-label\n  namespace: default\n  labels:\n    tier: 1\n',
      want: [
        {
          line: 7,
          field: 'metadata.labels.tier',
          message: /metadata\.labels\.tier must be a string, but the file has the number 1\. Quote it: "1"/,
        },
      ],
    },
    {
      // keyed list element: ".spec.ports[port=\"abc\",protocol=\"TCP\"].port: expected numeric ..."
      name: 'a port given as a string: the list element named by its keys is found in the file',
      text: 'apiVersion: v1\nkind: Service\nmetadata: {name: fb-port, namespace: default}\nspec:\n  ports:\n  - name: http\n    protocol: TCP\n    port: "abc"\n',
      want: [
        { line: 8, field: 'spec.ports[0].port', message: /spec\.ports\[0\]\.port must be a number, but the file has the string "abc"/ },
      ],
    },
    {
      name: 'two typed errors in one object: one problem each, on its own line',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: fb-two, namespace: default}\nspec:\n  replicas: "two"\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers:\n      - name: c\n        image: x\n        env:\n        - name: A\n          value: 1\n',
      want: [
        { line: 5, field: 'spec.replicas', message: /spec\.replicas must be a number, but the file has the string "two"/ },
        { line: 15, field: 'spec.template.spec.containers[0].env[0].value', message: /must be a string, but the file has the number 1/ },
      ],
    },
    {
      // validation (422): details.causes[].field, two causes
      name: 'validation causes: each on its field, Go maps in plain words',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: fb-valid, namespace: default}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata:\n      labels: {app: b}\n    spec:\n      containers:\n      - name: c\n        image: x\n        ports:\n        - containerPort: 99999\n          protocol: TCP\n',
      want: [
        {
          line: 8,
          field: 'spec.template.metadata.labels',
          message: /spec\.template\.metadata\.labels: Invalid value: \{app: "b"\}: `selector` does not match template `labels`/,
        },
        { line: 14, field: 'spec.template.spec.containers[0].ports[0].containerPort', message: /must be between 1 and 65535/ },
      ],
    },
    {
      name: 'a namespace that does not exist: on metadata.namespace',
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fb-ns\n  namespace: no-such-namespace\n',
      want: [
        { line: 5, field: 'metadata.namespace', message: /namespace "no-such-namespace" does not exist on the cluster\. Create it first/ },
      ],
    },
    {
      // Kubernetes before 1.21 cannot server-side apply a port without protocol
      name: 'a port without protocol on a 1.20 server: on the port, with the fix',
      text: 'apiVersion: v1\nkind: Service\nmetadata: {name: fb-proto, namespace: default}\nspec:\n  ports:\n  - port: 80\n',
      want: [{ line: 6, field: 'spec.ports[0]', message: /spec\.ports\[0\] has no "protocol".*add `protocol: TCP`/ }],
    },
    {
      name: 'a CRD kind that is not installed: on apiVersion, install the CRD',
      text: 'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: fb-np\n',
      want: [
        {
          line: 1,
          field: 'apiVersion',
          message: /does not know kind "NodePool" in apiVersion "karpenter\.sh\/v1"\. Install the CRD first/,
        },
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const got = await problemsOf(c.text);
      assert.equal(got.length, c.want.length, JSON.stringify(got, null, 1));
      c.want.forEach((w, i) => {
        assert.equal(got[i].field, w.field, got[i].message);
        assert.equal(got[i].line, w.line, got[i].message);
        assert.match(got[i].message, w.message);
        noGo(got[i].message);
      });
    });
  }
});

describe('a built-in API the cluster does not serve', () => {
  test('policy/v1 PodDisruptionBudget on Kubernetes 1.20: what it serves and which version added policy/v1', async (t) => {
    const v = await readServerVersion(admin());
    assert.ok(v, 'the server reports its version');
    // About a server older than the API in the file (the local one is 1.20).
    if (!(v.major === 1 && v.minor < 21)) {
      t.skip(`the test server runs ${v.text}, which serves policy/v1`);
      return;
    }
    const got = await problemsOf(
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: fb-pdb, namespace: default}\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: api}}\n',
    );
    assert.equal(got.length, 1);
    assert.equal(got[0].field, 'apiVersion');
    assert.equal(got[0].line, 1);
    assert.match(
      got[0].message,
      new RegExp(
        `Kubernetes ${v.text} \\(context "local"\\) does not serve PodDisruptionBudget in policy/v1: it serves PodDisruptionBudget as policy/v1beta1\\.`,
      ),
    );
    assert.match(got[0].message, /policy\/v1 PodDisruptionBudget was added in Kubernetes 1\.21\./);
    assert.doesNotMatch(got[0].message, /CRD/, 'a built-in kind has no CRD to upgrade');
  });

  test('a misspelt built-in kind: the version is served, the kind is not', async () => {
    const got = await problemsOf('apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: fb-typo, namespace: default}\n');
    assert.match(got[0].message, /serves apps\/v1 but no kind "Deploymnet" in it: check the spelling of kind/);
    assert.doesNotMatch(got[0].message, /CRD/);
  });

  test('a built-in group version that never existed: the versions the group has', async () => {
    const got = await problemsOf('apiVersion: apps/v9\nkind: Deployment\nmetadata: {name: fb-v9, namespace: default}\n');
    assert.match(got[0].message, /does not serve Deployment in apps\/v9: it serves Deployment as apps\/v1\./);
    assert.doesNotMatch(got[0].message, /CRD/);
  });
});
