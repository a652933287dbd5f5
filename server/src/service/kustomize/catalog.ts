/**
 * The fields of a kustomization, in our own words, for completion and hover: kustomize.config.k8s.io/v1beta1
 * Kustomization and v1alpha1 Component. Field names and shapes follow the Go types of kubernetes-sigs/kustomize
 * (api/types/kustomization.go and its neighbours: patch.go, selector.go, generatorargs.go, kvpairsources.go,
 * generatoroptions.go, labels.go, image.go, replica.go, helmchartargs.go, replacement.go, sortoptions.go) at
 * commit 12f9e6391.
 */
import type { FieldSchema } from '../catalog/schema';

export const KUSTOMIZE_DOCS = 'https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/';

export const KUSTOMIZATION_API_VERSION = 'kustomize.config.k8s.io/v1beta1';
export const COMPONENT_API_VERSION = 'kustomize.config.k8s.io/v1alpha1';

const str = (doc: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({ type: 'string', doc, ...extra });
const bool = (doc: string): FieldSchema => ({ type: 'boolean', doc });
const strings = (doc: string): FieldSchema => ({ type: 'array', doc, items: { type: 'string' } });
const stringMap = (doc: string): FieldSchema => ({ type: 'object', doc, additionalProperties: { type: 'string' } });

/** A resource selector: group/version/kind/name/namespace and label or annotation selector strings. */
const SELECTOR: FieldSchema = {
  type: 'object',
  doc: 'Which resources this applies to: every field given must match.',
  properties: {
    group: str('API group of the resources (empty for the core group).'),
    version: str('API version of the resources (e.g. `v1`).'),
    kind: str('Kind of the resources, e.g. `Deployment`.'),
    name: str('Name of the resource (a regular expression is accepted).'),
    namespace: str('Namespace of the resources.'),
    labelSelector: str('A label selector written as text, e.g. `app=web,tier!=cache`.'),
    annotationSelector: str('The same syntax as labelSelector, matched against annotations.'),
  },
};

const GENERATOR_OPTIONS: FieldSchema = {
  type: 'object',
  doc: 'Options for the generated ConfigMaps and Secrets.',
  properties: {
    labels: stringMap('Labels added to the generated objects.'),
    annotations: stringMap('Annotations added to the generated objects.'),
    disableNameSuffixHash: bool('When true, the generated name has no content-hash suffix (references are then not rolled on change).'),
    immutable: bool('When true, the generated objects are marked immutable.'),
  },
};

const generator = (what: string, extra: Record<string, FieldSchema> = {}): FieldSchema => ({
  type: 'array',
  doc: `${what} generated from literals and files; the name gets a hash of the content, and references to it are updated.`,
  items: {
    type: 'object',
    properties: {
      name: str(`Name of the generated ${what} (before prefix, suffix and hash).`),
      namespace: str('Namespace of the generated object.'),
      behavior: str('What to do when an object of that name comes from a base.', {
        enum: [
          { value: 'create', doc: 'A new object (the default); a clash with a base is an error.' },
          { value: 'replace', doc: "Replace the base's object of that name." },
          { value: 'merge', doc: "Add these keys to the base's object of that name." },
        ],
      }),
      literals: strings('Key/value pairs written inline, each `key=value`.'),
      files: strings(
        'Files whose content becomes a value: `path` (key = file name) or `key=path`. A folder adds each of its files. Paths are relative to this kustomization.',
      ),
      envs: strings('Files of `key=value` lines (a .env file); each line becomes a key. Paths are relative to this kustomization.'),
      env: str('One env file (the older, singular form of `envs`).'),
      options: GENERATOR_OPTIONS,
      ...extra,
    },
  },
});

const PATCH: FieldSchema = {
  type: 'object',
  properties: {
    path: str('File holding the patch (strategic merge or JSON 6902), relative to this kustomization.'),
    patch: str('The patch written inline (a YAML strategic-merge patch or a JSON 6902 list of operations).'),
    target: SELECTOR,
    options: {
      type: 'object',
      doc: 'What the patch may change beyond fields.',
      properties: {
        allowNameChange: bool("Let the patch change the resource's name."),
        allowKindChange: bool("Let the patch change the resource's kind."),
      },
    },
  },
};

const FIELDS: Record<string, FieldSchema> = {
  apiVersion: str(
    '`kustomize.config.k8s.io/v1beta1` for a Kustomization, `kustomize.config.k8s.io/v1alpha1` for a Component. Optional: kustomize assumes a Kustomization.',
    {
      enum: [
        { value: KUSTOMIZATION_API_VERSION, doc: 'A Kustomization.' },
        { value: COMPONENT_API_VERSION, doc: 'A Component.' },
      ],
    },
  ),
  kind: str('`Kustomization`, or `Component` for a reusable piece that overlays include with `components`.', {
    enum: [
      { value: 'Kustomization', doc: 'A build: resources plus the changes made to them.' },
      { value: 'Component', doc: 'A reusable set of resources and patches, applied by the kustomizations that list it in `components`.' },
    ],
  }),
  metadata: {
    type: 'object',
    doc: 'Name and annotations of the kustomization itself (not applied to resources).',
    properties: {
      name: str('A name for this kustomization.'),
      namespace: str('Unused by the build.'),
      labels: stringMap('Labels of the kustomization file itself.'),
      annotations: stringMap('Annotations of the kustomization file itself (e.g. config.kubernetes.io/local-config).'),
    },
  },
  resources: strings(
    'What this build starts from: files of objects, folders with their own kustomization (bases), or remote URLs (`https://github.com/org/repo//path?ref=v1`). Relative to this kustomization.',
  ),
  bases: { ...strings('Older name for folder entries of `resources`.'), deprecated: 'list them in resources.' },
  imageTags: {
    type: 'array',
    doc: 'Older name of `images`.',
    deprecated: 'use images.',
    items: {
      type: 'object',
      properties: {
        name: str('Image name.'),
        newName: str('Replacement name.'),
        newTag: str('Replacement tag.'),
        digest: str('Replacement digest.'),
      },
    },
  },
  components: strings("Folders holding a Component kustomization, applied to this build's resources in order."),
  crds: strings('Files of CustomResourceDefinitions whose schemas tell kustomize how to merge and name-reference those kinds.'),
  namespace: str('Namespace set on every namespaced resource of this build (and on references to them).'),
  namePrefix: str('Text put before the name of every resource of this build; references to them follow.'),
  nameSuffix: str('Text put after the name of every resource of this build; references to them follow.'),
  commonLabels: {
    ...stringMap("Labels added to every resource and to selectors (changing them later breaks Deployments' immutable selectors)."),
    deprecated: 'use labels (with includeSelectors when you need selectors too).',
  },
  labels: {
    type: 'array',
    doc: 'Labels to add, with control over where they go.',
    items: {
      type: 'object',
      properties: {
        pairs: stringMap('The labels.'),
        includeSelectors: bool('Also add them to selectors (Service, Deployment matchLabels).'),
        includeTemplates: bool('Also add them to Pod templates (without selectors).'),
        fields: {
          type: 'array',
          doc: 'Other fields to write the labels to.',
          items: {
            type: 'object',
            properties: {
              path: str('Field path, e.g. spec/template/metadata/labels.'),
              kind: str('Kind the path applies to.'),
              group: str('API group.'),
              version: str('API version.'),
              create: bool('Create the field when missing.'),
            },
          },
        },
      },
    },
  },
  commonAnnotations: stringMap('Annotations added to every resource of this build.'),
  patches: {
    type: 'array',
    doc: "Patches applied to matching resources: from a file (`path`) or inline (`patch`), selected by `target` or by the patch's own kind and name.",
    items: PATCH,
  },
  patchesStrategicMerge: { ...strings('Strategic-merge patch files (or inline patches).'), deprecated: 'use patches.' },
  patchesJson6902: { type: 'array', doc: 'JSON 6902 patches with their target.', deprecated: 'use patches (with target).', items: PATCH },
  images: {
    type: 'array',
    doc: 'Change container images by name, without patches.',
    items: {
      type: 'object',
      properties: {
        name: str('The image name to match (without tag).'),
        newName: str('Replacement image name.'),
        newTag: str('Replacement tag.'),
        digest: str('Replacement digest (`sha256:…`); wins over newTag.'),
        tagSuffix: str('Text appended to the current tag.'),
      },
    },
  },
  replicas: {
    type: 'array',
    doc: 'Set the replica count of workloads by name.',
    items: {
      type: 'object',
      properties: {
        name: str('Name of the Deployment, StatefulSet, ReplicaSet or ReplicationController.'),
        count: { type: 'integer', doc: 'The number of replicas.' },
      },
    },
  },
  configMapGenerator: generator('ConfigMap'),
  secretGenerator: generator('Secret', {
    type: str('Secret type, e.g. `Opaque` (default) or `kubernetes.io/tls` (then exactly tls.crt and tls.key).'),
  }),
  generatorOptions: GENERATOR_OPTIONS,
  replacements: {
    type: 'array',
    doc: 'Copy a field of one resource into fields of others (the successor of vars).',
    items: {
      type: 'object',
      properties: {
        path: str('A file holding the replacement, relative to this kustomization.'),
        source: {
          type: 'object',
          doc: 'Where the value is read.',
          properties: {
            ...SELECTOR.properties,
            fieldPath: str('Field to read, e.g. metadata.name or spec.ports.0.port.'),
            options: {
              type: 'object',
              properties: {
                delimiter: str('Split the value on this text.'),
                index: { type: 'integer', doc: 'Which part after the split.' },
                create: bool('Create the field when missing.'),
              },
            },
          },
        },
        targets: {
          type: 'array',
          doc: 'Where the value is written.',
          items: {
            type: 'object',
            properties: {
              select: SELECTOR,
              reject: { type: 'array', items: SELECTOR },
              fieldPaths: strings('Fields to write.'),
              options: {
                type: 'object',
                properties: {
                  delimiter: str('Write into this part of the value, split on the delimiter.'),
                  index: { type: 'integer', doc: 'Which part.' },
                  create: bool('Create the field when missing.'),
                },
              },
            },
          },
        },
      },
    },
  },
  vars: {
    type: 'array',
    doc: 'Values captured from resources for $(VAR) references.',
    deprecated: 'use replacements.',
    items: {
      type: 'object',
      properties: {
        name: str('Name of the variable.'),
        objref: SELECTOR,
        fieldref: { type: 'object', properties: { fieldpath: str('Field to read (default metadata.name).') } },
      },
    },
  },
  helmCharts: {
    type: 'array',
    doc: 'Helm charts inflated into this build with `helm template` (needs `kustomize build --enable-helm`).',
    items: {
      type: 'object',
      properties: {
        name: str('Chart name.'),
        version: str('Chart version.'),
        repo: str('Chart repository URL.'),
        releaseName: str('Release name (`.Release.Name`).'),
        namespace: str('Release namespace (`.Release.Namespace`).'),
        valuesFile: str("Values file used instead of the chart's values.yaml."),
        additionalValuesFiles: strings('More values files, merged after valuesFile.'),
        valuesInline: { type: 'object', doc: 'Values written inline.', additionalProperties: true },
        valuesMerge: str('How valuesInline combines with the values files.', {
          enum: [
            { value: 'override', doc: 'Inline values win (default).' },
            { value: 'merge', doc: 'Merged, values files win.' },
            { value: 'replace', doc: 'Only the inline values.' },
          ],
        }),
        includeCRDs: bool("Also render the chart's CRDs."),
        skipHooks: bool('Leave hook objects out.'),
        skipTests: bool('Leave test objects out.'),
        apiVersions: strings('Capabilities.APIVersions for the render.'),
        kubeVersion: str('Capabilities.KubeVersion for the render.'),
        nameTemplate: str('Template for the release name.'),
      },
    },
  },
  helmGlobals: {
    type: 'object',
    doc: 'Where charts are kept for helmCharts.',
    properties: {
      chartHome: str('Folder holding one subfolder per chart (default `charts`).'),
      configHome: str('HELM_CONFIG_HOME for the helm runs.'),
    },
  },
  generators: strings('Files (or folders) of generator plugin configurations.'),
  transformers: strings("Files (or folders) of transformer plugin configurations, applied to the build's resources."),
  validators: strings('Files of validator plugin configurations.'),
  configurations: strings('Files that teach kustomize field specs for custom kinds (name references, prefixes, labels).'),
  openapi: {
    type: 'object',
    doc: 'An OpenAPI schema for custom kinds, so strategic merges know their list keys.',
    properties: { path: str('File of the schema.'), version: str('Built-in schema version to use.') },
  },
  sortOptions: {
    type: 'object',
    doc: 'Order of the resources in the output.',
    properties: {
      order: str('Ordering strategy.', {
        enum: [
          { value: 'legacy', doc: 'Namespaces and CRDs first, then by kind (the default).' },
          { value: 'fifo', doc: 'As the resources are listed.' },
        ],
      }),
      legacySortOptions: { type: 'object', properties: { orderFirst: strings('Kinds put first.'), orderLast: strings('Kinds put last.') } },
    },
  },
  buildMetadata: strings(
    'Annotations kustomize adds to record where each resource came from: `managedByLabel`, `originAnnotations`, `transformerAnnotations`.',
  ),
};

/** A Kustomization (v1beta1) or Component (v1alpha1): the same fields. */
export const KUSTOMIZATION_SCHEMA: FieldSchema = { type: 'object', doc: 'A kustomization.', properties: FIELDS };
