/**
 * The annotations of IAM roles for service accounts (IRSA) as the Amazon EKS Pod Identity Webhook reads them:
 * aws/amazon-eks-pod-identity-webhook `pkg/annotations.go` (names), `pkg/cache/cache.go` addSA (how the
 * ServiceAccount's values are parsed), `pkg/handler/handler.go` (Pod annotations), `pkg/constants.go` and
 * `pkg/validation.go` (token expiration bounds), `README.md`. Docs are our own words.
 */
import { Catalog, type CatalogEntry } from '../catalog/types';

export const IRSA_PREFIX = 'eks.amazonaws.com/';
const WEBHOOK = 'https://github.com/aws/amazon-eks-pod-identity-webhook#usage';
const IRSA_DOCS = 'https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html';

export interface IrsaAnnotation extends CatalogEntry {
  /** Where the webhook reads it. */
  on: ('ServiceAccount' | 'Pod')[];
}

export const IRSA_ANNOTATIONS = new Catalog<IrsaAnnotation>([
  {
    name: 'role-arn',
    type: 'string',
    on: ['ServiceAccount'],
    source: IRSA_DOCS,
    patternHint: 'arn:aws:iam::<12-digit account>:role/<path/name>',
    doc: "The IAM role Pods of this ServiceAccount assume (IRSA). The webhook adds `AWS_ROLE_ARN`, `AWS_WEB_IDENTITY_TOKEN_FILE` and a projected token volume to every new Pod that uses the ServiceAccount; existing Pods keep what they had until they are recreated. A value that is not a role ARN is only logged by the webhook, and the Pod then fails to get credentials. The role's trust policy must allow `system:serviceaccount:<namespace>:<name>` from the cluster's OIDC provider.",
    snippet: 'arn:aws:iam::${1:111122223333}:role/${2:my-role}',
  },
  {
    name: 'audience',
    type: 'string',
    on: ['ServiceAccount'],
    default: 'sts.amazonaws.com',
    source: WEBHOOK,
    doc: 'Audience of the projected token; it must match a client ID of the IAM OIDC provider (normally `sts.amazonaws.com`).',
  },
  {
    name: 'sts-regional-endpoints',
    type: 'boolean',
    on: ['ServiceAccount'],
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/configure-sts-endpoint.html',
    values: [
      { value: 'true', doc: 'adds AWS_STS_REGIONAL_ENDPOINTS=regional' },
      { value: 'false', doc: "adds nothing: the SDK's own default endpoint applies" },
    ],
    doc: "Whether the SDKs in the Pod use the regional STS endpoint. Read with Go's ParseBool (`true`, `false`, `1`, `0`, `t`, `f`, `TRUE`…); any other value is ignored without a word and the webhook's default applies.",
  },
  {
    name: 'token-expiration',
    type: 'integer',
    on: ['ServiceAccount', 'Pod'],
    default: '86400',
    min: 600,
    max: 86400,
    source: WEBHOOK,
    doc: "Lifetime in seconds of the projected service account token. Values below 600 are raised to 600; a value that is not a whole number is ignored without a word. On a Pod (template) it overrides the ServiceAccount's value.",
  },
  {
    name: 'skip-containers',
    type: 'stringList',
    on: ['Pod'],
    source: WEBHOOK,
    doc: 'Comma-separated names of containers and init containers of the Pod that the webhook leaves alone (no AWS variables, no token volume).',
  },
]);

/** AWS partitions (the webhook's pattern accepts any `aws[a-z0-9-]*`). */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

/** The webhook's check of a role ARN (pkg/cache/cache.go addSA), in JavaScript syntax. */
export const ROLE_ARN_PATTERN = /^arn:aws[a-z0-9-]*:iam::\d{12}:role\/[\w\-/.@+=,]+$/;

/** Values Go's strconv.ParseBool accepts. */
export const GO_BOOLS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

export const MIN_TOKEN_EXPIRATION = 600;
export const MAX_TOKEN_EXPIRATION = 86400;
