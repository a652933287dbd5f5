// Build step (esbuild.mjs): the field descriptions of the Kubernetes API, read from the TypeScript models that
// @kubernetes/client-node ships (generated from the OpenAPI spec), written next to the bundles as
// dist/k8s-descriptions.json. Hover shows them for fields we have not described in our own words
// (server/src/service/schema/descriptions.ts). Nothing of it is committed: it is made at build time from
// the installed package.
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';

const require = createRequire(import.meta.url);

/** { "V1ContainerPort.hostIP": "…" } from the model declarations. */
export function readK8sDescriptions() {
  const pkg = require.resolve('@kubernetes/client-node/package.json');
  const version = JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
  const dir = path.join(path.dirname(pkg), 'dist', 'gen', 'models');
  const fields = {};
  let kubernetes;
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith('.d.ts')) continue;
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    kubernetes ??= /OpenAPI spec version: (\S+)/.exec(text)?.[1];
    const cls = /export declare class (\w+)/.exec(text)?.[1];
    if (!cls) continue;
    let doc;
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (t.startsWith('/**')) {
        doc = [];
        continue;
      }
      if (doc && t.startsWith('*/')) {
        doc.done = true;
        continue;
      }
      if (doc && !doc.done) {
        doc.push(t.replace(/^\* ?/, ''));
        continue;
      }
      const m = /^'([^']+)'\??:/.exec(t);
      if (m && doc?.done)
        fields[`${cls}.${m[1]}`] = doc
          .join(' ')
          .replace(/\\(['"])/g, '$1')
          .replace(/\s+/g, ' ')
          .trim();
      if (!t.startsWith('/**')) doc = undefined;
    }
  }
  return { source: `@kubernetes/client-node@${version}`, kubernetes, fields };
}

export function writeK8sDescriptions(outFile) {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(readK8sDescriptions()));
}
