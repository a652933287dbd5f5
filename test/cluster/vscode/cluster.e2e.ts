/**
 * The cluster commands from the command palette of a real VS Code (code-server) against the real
 * kube-apiserver: dry-run failures become diagnostics on the line of each field the server names, in plain
 * words, and go away when the context changes; Apply creates the objects; Diff opens VS Code's diff editor
 * with the live object and the dry-run result; the session reads the server version and sets it as the
 * target on request; the Services view links Services to Ingresses through weighted actions and to
 * Gateway API routes; its actions (copy DNS name, reveal manifest, open as YAML) work.
 * Run with `bash test/cluster/run-vscode.sh`.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { waitFor as poll, type Probe } from '../../helpers/waitFor';
import { Connection, applyManifests, loadKubeconfig, parseManifests } from '../../../client/src/cluster';
import type { ExtensionApi } from '../../../client/src/extension';

const waitFor = <T>(what: string, probe: Probe<T>, ms = 20000): Promise<T> => poll(what, probe, ms);

const kubeconfig = process.env.EKS_TEST_KUBECONFIG ?? '';
const conn = () => new Connection(loadKubeconfig({ overridePath: kubeconfig }).kc);
const ns = `vsc-${Date.now().toString(36)}`;
const fileUri = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'cluster-e2e.yaml');
const clusterDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'eks-manifests (cluster)');
let api: ExtensionApi;

describe('cluster commands in real VS Code', () => {
  before(async () => {
    assert.ok(kubeconfig, 'EKS_TEST_KUBECONFIG must reach the extension host (run through test/cluster/run-vscode.sh)');
    api = await vscode.extensions.getExtension<ExtensionApi>('eks-manifests.eks-manifests')!.activate();
    await vscode.workspace.getConfiguration('eksManifests.cluster').update('kubeconfig', kubeconfig, vscode.ConfigurationTarget.Global);
  });

  it('registers every cluster command', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of [
      'eksManifests.cluster.apply',
      'eksManifests.cluster.applySelection',
      'eksManifests.cluster.applyFolder',
      'eksManifests.cluster.dryRun',
      'eksManifests.cluster.dryRunSelection',
      'eksManifests.cluster.dryRunFolder',
      'eksManifests.cluster.diff',
      'eksManifests.cluster.switchContext',
      'eksManifests.cluster.switchNamespace',
      'eksManifests.cluster.reloadKubeconfig',
      'eksManifests.cluster.useServerVersion',
      'eksManifests.services.refresh',
      'eksManifests.services.openYaml',
      'eksManifests.services.copyDnsName',
      'eksManifests.services.openLoadBalancer',
      'eksManifests.services.revealManifest',
    ])
      assert.ok(all.includes(c), c);
  });

  it('reads the server version, and "Use 1.xx as the target" sets eksManifests.kubernetesVersion', async () => {
    const v = await api.session.serverVersion();
    assert.ok(v, 'the version of context "local" is read');
    assert.match(v.gitVersion, /^v1\.\d+/);
    const config = () => vscode.workspace.getConfiguration('eksManifests');
    try {
      await vscode.commands.executeCommand('eksManifests.cluster.useServerVersion');
      await waitFor('the target setting', () => config().get('kubernetesVersion') === v.text);
      assert.equal(config().inspect('kubernetesVersion')?.workspaceValue, v.text, 'written to the workspace settings');
    } finally {
      await config().update('kubernetesVersion', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a rejection lands on each field the server names, in plain words; a context switch clears it', async () => {
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'cluster-fields.yaml');
    // two typed-patch errors in one object (kube-apiserver lists both) and nothing in Go notation
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: fields\n  namespace: default\n  labels:\n    tier: 1\nspec:\n  replicas: "two"\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: c, image: x}]\n';
    await vscode.workspace.fs.writeFile(file, Buffer.from(text));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    await vscode.commands.executeCommand('eksManifests.cluster.dryRun');
    const diags = await waitFor('two cluster diagnostics', () => {
      const d = clusterDiagnostics(file);
      return d.length === 2 ? d : undefined;
    });
    const byLine = diags.map((d) => [d.range.start.line + 1, d.message] as const).sort((a, b) => a[0] - b[0]);
    assert.equal(byLine[0][0], 7);
    assert.match(
      byLine[0][1],
      /^Deployment default\/fields: metadata\.labels\.tier must be a string, but the file has the number 1\. Quote it: "1"\.$/,
    );
    assert.equal(byLine[1][0], 9);
    assert.match(byLine[1][1], /spec\.replicas must be a number, but the file has the string "two"/);
    for (const [, m] of byLine) assert.doesNotMatch(m, /valueUnstructured|typed patch/);
    // what the cluster said about "local" means nothing for "restricted"
    await vscode.commands.executeCommand('eksManifests.cluster.switchContext', 'restricted');
    await waitFor('the cluster diagnostics to be cleared', () => clusterDiagnostics(file).length === 0);
    await vscode.commands.executeCommand('eksManifests.cluster.switchContext', 'local');
    await vscode.workspace.fs.delete(file);
  });

  it('a built-in API the cluster does not serve: on apiVersion, with what it serves and the version that added it', async function () {
    const v = await api.session.serverVersion();
    assert.ok(v);
    if (v.minor >= 21) {
      this.skip();
      return;
    } // about a server older than policy/v1 (the local one is 1.20)
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'cluster-pdb.yaml');
    await vscode.workspace.fs.writeFile(
      file,
      Buffer.from(
        'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: pdb, namespace: default}\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: a}}\n',
      ),
    );
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    await vscode.commands.executeCommand('eksManifests.cluster.dryRun');
    const [d] = await waitFor('the cluster diagnostic', () => {
      const x = clusterDiagnostics(file);
      return x.length ? x : undefined;
    });
    assert.equal(d.range.start.line, 0, 'on apiVersion');
    assert.match(
      d.message,
      new RegExp(
        `Kubernetes ${v.text} \\(context "local"\\) does not serve PodDisruptionBudget in policy/v1: it serves PodDisruptionBudget as policy/v1beta1\\. policy/v1 PodDisruptionBudget was added in Kubernetes 1\\.21\\.`,
      ),
    );
    await vscode.workspace.fs.delete(file);
  });

  it('the Services view links a Service to the Ingress of a weighted action and to Gateway API routes', async () => {
    const lns = `${ns}-links`;
    const c = conn();
    // our stand-ins for the Gateway API CRDs (test/fixtures/gateway-api/crds.yaml), then the objects
    const crds = await applyManifests(
      c,
      parseManifests(fs.readFileSync(path.join(process.env.EKS_TEST_FIXTURES!, 'gateway-api', 'crds.yaml'), 'utf8'), 'file:///crds.yaml')
        .docs,
    );
    assert.equal(crds.failed, false, [...crds.dryRun, ...crds.applied].map((r) => r.message).join('\n'));
    const objects =
      `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${lns}}\n---\n` +
      ['blue', 'green']
        .map(
          (n) =>
            `apiVersion: v1\nkind: Service\nmetadata: {name: web-${n}, namespace: ${lns}}\nspec:\n  ports: [{port: 80, protocol: TCP}]\n`,
        )
        .join('---\n') +
      `---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: ${lns}\n  annotations:\n    alb.ingress.kubernetes.io/actions.rollout: '{"type":"forward","forwardConfig":{"targetGroups":[{"serviceName":"web-blue","servicePort":80,"weight":90},{"serviceName":"web-green","servicePort":80,"weight":10}]}}'\nspec:\n  rules:\n  - http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: rollout, port: {name: use-annotation}}}}\n` +
      `---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: public, namespace: ${lns}}\nspec: {gatewayClassName: lattice, listeners: [{name: http, port: 80, protocol: HTTP}]}\n` +
      `---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: web, namespace: ${lns}}\nspec:\n  parentRefs: [{name: public}]\n  rules: [{backendRefs: [{name: web-green, port: 80}]}]\n`;
    const r = await applyManifests(c, parseManifests(objects, 'file:///links.yaml').docs);
    assert.equal(r.failed, false, [...r.dryRun, ...r.applied].map((x) => x.message).join('\n'));
    await vscode.commands.executeCommand('workbench.view.extension.eksManifests');
    await vscode.commands.executeCommand('eksManifests.services.refresh');
    const green = await waitFor('web-green with its Ingress and route in the view', () => {
      const s = api.services.snapshot?.find((n) => n.namespace === lns)?.services.find((x) => x.name === 'web-green');
      return s && s.ingresses.length && s.routes.length ? s : undefined;
    });
    assert.deepEqual(
      green.ingresses.map((i) => [i.name, i.rules]),
      [['shop', ['*/ → action rollout: 10% (weight 10) → :80']]],
    );
    assert.deepEqual(
      green.routes.map((x) => [x.kind, x.name, x.gateways.map((g) => `${g.namespace}/${g.name}`)]),
      [['HTTPRoute', 'web', [`${lns}/public`]]],
    );
    // the tree shows them: Service → "Gateway routes" → route → Gateway
    const nsNode = api.services.getChildren().find((n) => n.type === 'namespace' && n.ns.namespace === lns)!;
    const svcNode = api.services.getChildren(nsNode).find((n) => n.type === 'service' && n.svc.name === 'web-green')!;
    const groups = api.services.getChildren(svcNode).map((n) => api.services.getTreeItem(n).label);
    assert.deepEqual(groups, ['Ingresses', 'Gateway routes', 'Endpoints']);
  });

  it("Dry-run: a server rejection becomes a diagnostic on the field's line; Apply then creates the objects", async () => {
    const file = fileUri();
    const bad = `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: default}\nspec:\n  selector: {app: web}\n  ports:\n  - {name: http, port: 99999, protocol: TCP}\n`;
    await vscode.workspace.fs.writeFile(file, Buffer.from(bad));
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('eksManifests.cluster.dryRun');
    const diags = await waitFor('a cluster diagnostic', () => {
      const d = vscode.languages.getDiagnostics(file).filter((x) => x.source === 'eks-manifests (cluster)');
      return d.length ? d : undefined;
    });
    assert.equal(diags[0].range.start.line, 10);
    assert.match(diags[0].message, /^Service default\/web: spec\.ports\[0\]\.port: Invalid value: 99999: must be between 1 and 65535/);

    await vscode.workspace.fs.writeFile(file, Buffer.from(bad.replace('99999', '80').replace('namespace: default', `namespace: ${ns}`)));
    await waitFor('the document to reload', () => doc.getText().includes('port: 80,'));
    // Apply asks first when the language server reports errors in the file: wait until it has re-checked the
    // reloaded text (port 99999 was a schema error), or Apply would stop at that question.
    await waitFor('the language server to re-check the file', () =>
      vscode.languages.getDiagnostics(file).some((x) => x.source === 'eks-manifests' && x.severity === vscode.DiagnosticSeverity.Error)
        ? undefined
        : true,
    );
    await vscode.commands.executeCommand('eksManifests.cluster.apply');
    const svc = await waitFor('the Service on the server', async () => {
      const r = await conn().request('GET', `/api/v1/namespaces/${ns}/services/web`);
      return r.status === 200 ? r.body : undefined;
    });
    assert.equal(svc.spec.ports[0].port, 80);
    assert.equal(
      vscode.languages.getDiagnostics(file).filter((x) => x.source === 'eks-manifests (cluster)').length,
      0,
      'diagnostics cleared',
    );
  });

  it('Diff: live on the left, dry-run result on the right, read-only, managed fields stripped', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri());
    const ed = await vscode.window.showTextDocument(doc);
    await ed.edit((e) => e.replace(doc.lineAt(8).range, '  selector: {app: web2}'));
    const svcLine = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('kind: Service'));
    ed.selection = new vscode.Selection(svcLine, 0, svcLine + 3, 0);
    await vscode.commands.executeCommand('eksManifests.cluster.diff');
    const tab = await waitFor('the diff editor', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff),
    );
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.original.scheme, 'eks-manifests-cluster');
    assert.match(tab.label, new RegExp(`Service ${ns}/web: live`));
    const left = (await vscode.workspace.openTextDocument(input.original)).getText();
    const right = (await vscode.workspace.openTextDocument(input.modified)).getText();
    assert.match(left, /app: web\n/);
    assert.match(right, /app: web2\n/);
    assert.doesNotMatch(left + right, /managedFields/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Dry-run Folder and Apply Folder (as the Explorer context menu calls them): all files, Namespaces first', async () => {
    const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'cluster-folder-e2e');
    const fns = `${ns}-f`;
    // The ConfigMap's file sorts before the Namespace's: ordering must come from the kinds, not the names.
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, 'a-config.yaml'),
      Buffer.from(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${fns}\ndata:\n  colour: "blue"\n`),
    );
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, 'b-namespace.yaml'),
      Buffer.from(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${fns}\n`),
    );
    const bad = vscode.Uri.joinPath(folder, 'c-bad.yaml');
    await vscode.workspace.fs.writeFile(
      bad,
      Buffer.from(
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\n  namespace: default\nspec:\n  ports:\n    - port: 99999\n      protocol: TCP\n`,
      ),
    );
    await vscode.commands.executeCommand('eksManifests.cluster.dryRunFolder', folder);
    const diags = await waitFor('a dry-run diagnostic in the folder', () => {
      const d = vscode.languages.getDiagnostics(bad).filter((x) => x.source === 'eks-manifests (cluster)');
      return d.length ? d : undefined;
    });
    assert.match(diags[0].message, /^Service default\/bad: spec\.ports\[0\]\.port: Invalid value: 99999/);
    assert.equal((await conn().request('GET', `/api/v1/namespaces/${fns}`)).status, 404, 'a dry-run creates nothing');
    // All or nothing: with the bad file there, Apply Folder applies nothing.
    await vscode.commands.executeCommand('eksManifests.cluster.applyFolder', folder);
    assert.equal((await conn().request('GET', `/api/v1/namespaces/${fns}/configmaps/settings`)).status, 404);
    await vscode.workspace.fs.delete(bad);
    await vscode.commands.executeCommand('eksManifests.cluster.applyFolder', folder);
    const cm = await waitFor('the ConfigMap applied from the folder', async () => {
      const r = await conn().request('GET', `/api/v1/namespaces/${fns}/configmaps/settings`);
      return r.status === 200 ? r.body : undefined;
    });
    assert.equal(cm.data.colour, 'blue');
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('Services view actions: copy DNS name, reveal the manifest, open as YAML', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.eksManifests');
    await vscode.commands.executeCommand('eksManifests.services.refresh');
    const svc = {
      namespace: ns,
      name: 'web',
      dnsName: `web.${ns}.svc.cluster.local`,
      object: { metadata: { name: 'web', namespace: ns } },
      ports: [],
      ingresses: [],
    };
    await vscode.commands.executeCommand('eksManifests.services.copyDnsName', { type: 'service', svc });
    assert.equal(await vscode.env.clipboard.readText(), `web.${ns}.svc.cluster.local`);
    await vscode.commands.executeCommand('eksManifests.services.revealManifest', { type: 'service', svc });
    await waitFor(
      'the manifest revealed',
      () =>
        vscode.window.activeTextEditor?.document.uri.path.endsWith('cluster-e2e.yaml') &&
        vscode.window.activeTextEditor.selection.start.line === 4,
    );
    await vscode.commands.executeCommand('eksManifests.services.openYaml', { type: 'service', svc });
    await waitFor('the read-only YAML', () => vscode.window.activeTextEditor?.document.uri.scheme === 'eks-manifests-cluster');
  });

  it("a repository's .vscode/settings.json cannot switch the production guard off (application scope)", async () => {
    const dir = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode');
    const settings = vscode.Uri.joinPath(dir, 'settings.json');
    // requestTimeout (window scope) in the same file shows when VS Code has read it.
    await vscode.workspace.fs.writeFile(
      settings,
      Buffer.from(JSON.stringify({ 'eksManifests.cluster.productionContextPattern': '', 'eksManifests.cluster.requestTimeout': 31 })),
    );
    try {
      const c = () => vscode.workspace.getConfiguration('eksManifests.cluster');
      await waitFor('the workspace settings read', () => c().get<number>('requestTimeout') === 31);
      assert.equal(c().get('productionContextPattern'), 'prod', 'the workspace value is not used');
      assert.equal(c().inspect('productionContextPattern')?.globalValue, undefined);
    } finally {
      await vscode.workspace.fs.delete(dir, { recursive: true });
    }
  });

  it('Plan Upgrade to…: the report adds what the cluster still serves through removed APIs', async () => {
    const ing = {
      apiVersion: 'networking.k8s.io/v1beta1',
      kind: 'Ingress',
      metadata: { name: 'legacy', namespace: ns },
      spec: { backend: { serviceName: 'web', servicePort: 80 } },
    };
    const r = await conn().request('POST', `/apis/networking.k8s.io/v1beta1/namespaces/${ns}/ingresses`, { body: ing });
    assert.equal(r.status, 201, r.text);
    const markdown = await vscode.commands.executeCommand<string>('eksManifests.planUpgrade', '1.22');
    assert.match(markdown, /## The cluster \(context `local`, Kubernetes v1\.20/);
    assert.match(markdown, /`networking\.k8s\.io\/v1beta1` ingresses — removed in 1\.22/);
    assert.match(
      markdown,
      new RegExp(
        `Ingress through \`networking\\.k8s\\.io/v1beta1\` \\(removed in 1\\.22; use networking\\.k8s\\.io/v1\\): \\d+ objects?.*\`${ns}/legacy\``,
      ),
    );
  });
});
