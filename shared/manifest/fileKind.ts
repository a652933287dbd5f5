/**
 * What a file of the workspace is, decided in one place, from its name and text:
 *
 * - `helm`: a Helm chart's own file — `Chart.yaml`, `Chart.lock`, values files (`values*.yaml`,
 *   `*-values.yaml`, `*.values.yaml` outside `templates/`, `values.schema.json`), `helmfile.yaml`, `_helpers.tpl` and other
 *   `*.tpl` partials, `NOTES.txt`. Not Kubernetes objects: no object finding on them.
 * - `kustomization`: `kustomization.yaml`, `kustomization.yml`, `Kustomization` (Kustomize's own file,
 *   checked by the kustomize module, never as an API object).
 * - `manifest`: anything else; objects for the API server.
 *
 * Independently, a file is a template when its text holds Go-template actions (`{{ … }}`): those are
 * masked before parsing (parse/template.ts). A chart template is a file under `templates/` (any depth) of a
 * folder that holds a `Chart.yaml` (WorkspaceIndex.chartRootOf); a template without actions is plain YAML.
 * Placeholders (`${VAR}`, `<value>`) are unknown values wherever they are (model/templates.ts).
 */

export type FileRole = 'manifest' | 'helm' | 'kustomization';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The last path segment of a URI or path (decoded). */
export function baseName(uriOrPath: string): string {
  const clean = uriOrPath.replace(/[?#].*$/, '');
  const i = clean.lastIndexOf('/');
  const name = i === -1 ? clean : clean.slice(i + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

const HELM_FILE = /^(?:Chart\.ya?ml|Chart\.lock|requirements\.lock|values\.schema\.json|helmfile\.ya?ml(?:\.gotmpl)?|NOTES\.txt)$/;
const VALUES_FILE = /^(?:values(?:[-_.][^/]*)?|[^/]*[-_.]values)\.ya?ml$/i;

export function fileRole(uri: string): FileRole {
  const name = baseName(uri);
  if (KUSTOMIZATION_FILE_NAMES.includes(name)) return 'kustomization';
  // A chart's templates are never its values files (`templates/values-configmap.yaml` is a template).
  if (HELM_FILE.test(name) || (VALUES_FILE.test(name) && !/\/templates\//.test(uri))) return 'helm';
  // Partials and other Go-template files that are not YAML files kept as templates (`*.yaml.tpl` are).
  if (/\.tpl$/i.test(name) && !/\.ya?ml\.tpl$/i.test(name)) return 'helm';
  return 'manifest';
}

/**
 * Files the workspace scan and the CLI read: `*.yaml`, `*.yml`, `*.yaml.tpl`, `*.yml.tpl` (Terraform
 * `templatefile` and the like: placeholders are unknown values), and `Kustomization`.
 */
export function isScannedFileName(name: string): boolean {
  return /\.ya?ml(?:\.tpl)?$/i.test(name) || name === 'Kustomization';
}
