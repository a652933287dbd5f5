/**
 * Local IRSA checks: the ServiceAccount annotations the way the Pod Identity Webhook parses them
 * (aws/amazon-eks-pod-identity-webhook pkg/cache/cache.go addSA), Pod annotations (pkg/handler/handler.go
 * parsePodAnnotations, getContainersToSkip), near-miss keys and annotations on the wrong object.
 */
import type { Check, CheckContext } from '../checks/types';
import { replaceScalarFix } from '../model/edits';
import { isUnknownNode } from '@shared/manifest/templates';
import { closest } from '../catalog/types';
import { podTemplatePath, workloadOf } from '../workspace/workloads';
import {
  GO_BOOLS,
  IRSA_ANNOTATIONS,
  IRSA_PREFIX,
  MAX_TOKEN_EXPIRATION,
  MIN_TOKEN_EXPIRATION,
  PARTITIONS,
  ROLE_ARN_PATTERN,
} from './catalog';
import { annotationsAt, irsaNearMiss, isServiceAccount, type Annotation } from './model';

const SA_ONLY = IRSA_ANNOTATIONS.entries.filter((e) => !e.on.includes('Pod')).map((e) => e.name);
const SA_NAMES = IRSA_ANNOTATIONS.entries.filter((e) => e.on.includes('ServiceAccount')).map((e) => e.name);
const POD_NAMES = IRSA_ANNOTATIONS.entries.filter((e) => e.on.includes('Pod')).map((e) => e.name);

/** An account field written as a placeholder word (`ACCOUNT_ID`, `AWS_ACCOUNT`): the ARN is a template. */
const PLACEHOLDER_ACCOUNT = /^arn:[^:]*:iam::([A-Z][A-Z0-9_-]*|<[^>]*>|\$\{?[A-Za-z_]+\}?):/;

export function checkRoleArn(ctx: CheckContext, a: Annotation): void {
  const v = a.value;
  if (v === undefined || PLACEHOLDER_ACCOUNT.test(v)) return;
  if (v === '') {
    ctx.report(
      'irsa-role-arn-format',
      a.valueNode ?? a.keyNode,
      'eks.amazonaws.com/role-arn is empty: the webhook does not treat the ServiceAccount as IRSA and Pods get no role.',
      { severity: 'warning' },
    );
    return;
  }
  if (!v.startsWith('arn:')) {
    ctx.report(
      'irsa-role-arn-format',
      a.valueNode,
      `"${v}" is not an ARN: it works only when the Pod Identity Webhook runs with --compose-role-arn (off by default), which completes a role name into an ARN; otherwise Pods get AWS_ROLE_ARN="${v}" and no credentials. Write arn:aws:iam::<account>:role/${v}.`,
      { severity: 'warning' },
    );
    return;
  }
  if (!ROLE_ARN_PATTERN.test(v)) {
    const parts = v.split(':');
    let why = 'it does not match arn:aws…:iam::<12-digit account>:role/<name>';
    if (parts.length >= 6 && parts[2] !== 'iam') why = `it is an ARN of the ${parts[2] || '(empty)'} service, not of an IAM role`;
    else if (parts.length >= 6 && !/^\d{12}$/.test(parts[4])) why = `the account "${parts[4]}" is not 12 digits`;
    else if (parts.length >= 6 && !parts[5].startsWith('role/'))
      why = `"${parts[5].split('/')[0]}" is not a role (IRSA needs arn:…:role/<name>)`;
    else if (/\s/.test(v)) why = 'it contains white space';
    ctx.report(
      'irsa-role-arn-format',
      a.valueNode,
      `eks.amazonaws.com/role-arn "${v}" is not a valid IAM role ARN: ${why}. The webhook only logs "arn is invalid" and still sets it, so Pods fail to get credentials (AssumeRoleWithWebIdentity fails).`,
    );
    return;
  }
  const partition = v.split(':')[1];
  if (!PARTITIONS.includes(partition)) {
    const guess = closest(partition, PARTITIONS, 1)[0];
    ctx.report(
      'irsa-role-arn-format',
      a.valueNode,
      `"${partition}" is not an AWS partition (${PARTITIONS.slice(0, 3).join(', ')}, …)${guess ? ` — did you mean ${guess}?` : ''}: STS will not find the role.`,
      { severity: 'warning' },
    );
  }
}

function checkStsRegional(ctx: CheckContext, a: Annotation): void {
  if (a.value === undefined || GO_BOOLS.has(a.value)) return;
  const meant = /^(yes|y|on|enabled?|regional)$/i.test(a.value.trim())
    ? 'true'
    : /^(no|n|off|disabled?|legacy|global)$/i.test(a.value.trim())
      ? 'false'
      : undefined;
  const fix = meant ? replaceScalarFix(ctx.obj.chunk.text, a.valueNode, meant, `Change to "${meant}"`) : undefined;
  ctx.report(
    'irsa-sts-regional-value',
    a.valueNode,
    `eks.amazonaws.com/sts-regional-endpoints "${a.value}" is not a boolean Go's ParseBool accepts (true, false, 1, 0, …): the webhook ignores it without a word and its default applies${meant ? `. Write "${meant}"` : ''}.`,
    { fixes: fix ? [fix] : undefined },
  );
}

export function checkTokenExpiration(ctx: CheckContext, a: Annotation): void {
  const v = a.value;
  if (v === undefined) return;
  if (!/^[+-]?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
    const digits = /^\s*(\d+)\s*s?\s*$/.exec(v);
    const fix = digits ? replaceScalarFix(ctx.obj.chunk.text, a.valueNode, digits[1], `Change to "${digits[1]}"`) : undefined;
    ctx.report(
      'irsa-token-expiration',
      a.valueNode,
      `eks.amazonaws.com/token-expiration "${v}" is not a whole number of seconds: the webhook ignores it without a word and uses the default (86400).`,
      { fixes: fix ? [fix] : undefined },
    );
    return;
  }
  const n = Number(v);
  if (n < MIN_TOKEN_EXPIRATION) {
    const fix = replaceScalarFix(ctx.obj.chunk.text, a.valueNode, String(MIN_TOKEN_EXPIRATION), `Change to "${MIN_TOKEN_EXPIRATION}"`);
    ctx.report(
      'irsa-token-expiration',
      a.valueNode,
      `eks.amazonaws.com/token-expiration ${n} is below ${MIN_TOKEN_EXPIRATION} seconds, the least the API server issues: the webhook raises it to ${MIN_TOKEN_EXPIRATION} (pkg/validation.go).`,
      { fixes: fix ? [fix] : undefined },
    );
  } else if (n > MAX_TOKEN_EXPIRATION) {
    ctx.report(
      'irsa-token-expiration',
      a.valueNode,
      `eks.amazonaws.com/token-expiration ${n} is above ${MAX_TOKEN_EXPIRATION} seconds (24 hours), which the webhook names as the maximum for EKS (pkg/constants.go MaxTokenExpiration).`,
      { severity: 'info' },
    );
  }
}

function typo(ctx: CheckContext, a: Annotation, suggestion: string, where: string): void {
  const fix = replaceScalarFix(ctx.obj.chunk.text, a.keyNode, suggestion, `Rename to ${suggestion}`);
  ctx.report(
    'irsa-annotation-typo',
    a.keyNode,
    `"${a.key}" is not an annotation the EKS Pod Identity Webhook reads — did you mean ${suggestion}? As written it has no effect on ${where}.`,
    { fixes: fix ? [fix] : undefined },
  );
}

export const serviceAccountAnnotationsCheck: Check = {
  id: 'identity.serviceAccountAnnotations',
  scope: 'local',
  appliesTo: isServiceAccount,
  run(ctx) {
    for (const a of annotationsAt(ctx.obj, ['metadata', 'annotations'])) {
      if (!a.key.startsWith(IRSA_PREFIX)) {
        const s = irsaNearMiss(a.key, SA_NAMES);
        if (s) typo(ctx, a, s, 'the Pods of this ServiceAccount (no IAM role is injected)');
        continue;
      }
      const name = a.key.slice(IRSA_PREFIX.length);
      switch (name) {
        case 'role-arn':
          checkRoleArn(ctx, a);
          break;
        case 'sts-regional-endpoints':
          checkStsRegional(ctx, a);
          break;
        case 'token-expiration':
          checkTokenExpiration(ctx, a);
          break;
        case 'audience':
          break;
        case 'skip-containers':
          ctx.report(
            'irsa-annotation-misplaced',
            a.keyNode,
            'eks.amazonaws.com/skip-containers is read from the Pod, not from the ServiceAccount: put it in the annotations of the Pod template.',
          );
          break;
        default: {
          const s = irsaNearMiss(a.key, SA_NAMES);
          if (s) typo(ctx, a, s, 'the Pods of this ServiceAccount');
        }
      }
    }
  },
};

/** Workloads and Pods: misplaced ServiceAccount annotations, Pod annotations on the wrong metadata, values. */
export const podAnnotationsCheck: Check = {
  id: 'identity.podAnnotations',
  scope: 'local',
  appliesTo: (o) => podTemplatePath(o) !== undefined,
  run(ctx) {
    const tpl = podTemplatePath(ctx.obj)!;
    const isPod = tpl.length === 0;
    // The workload's own metadata: nothing there reaches the Pods.
    if (!isPod) {
      for (const a of annotationsAt(ctx.obj, ['metadata', 'annotations'])) {
        const exact = a.key.startsWith(IRSA_PREFIX) && IRSA_ANNOTATIONS.has(a.key.slice(IRSA_PREFIX.length)) ? a.key : undefined;
        const meant = exact ?? irsaNearMiss(a.key);
        if (!meant) continue;
        const name = meant.slice(IRSA_PREFIX.length);
        ctx.report(
          'irsa-annotation-misplaced',
          a.keyNode,
          SA_ONLY.includes(name)
            ? `${meant} on the ${ctx.obj.kind}'s own metadata has no effect: the webhook reads it from the ServiceAccount the Pods use${saNote(ctx)}.`
            : `${meant} on the ${ctx.obj.kind}'s own metadata has no effect: the webhook reads it from the Pod, so put it under spec.template.metadata.annotations.`,
        );
      }
    }
    const w = workloadOf(ctx.obj);
    for (const a of annotationsAt(ctx.obj, [...tpl, 'metadata', 'annotations'])) {
      const exact =
        a.key.startsWith(IRSA_PREFIX) && IRSA_ANNOTATIONS.has(a.key.slice(IRSA_PREFIX.length))
          ? a.key.slice(IRSA_PREFIX.length)
          : undefined;
      if (exact === undefined) {
        const s = irsaNearMiss(a.key);
        if (!s) continue;
        const n = s.slice(IRSA_PREFIX.length);
        if (SA_ONLY.includes(n))
          ctx.report(
            'irsa-annotation-misplaced',
            a.keyNode,
            `${a.key} looks like ${s}, which the webhook reads only from the ServiceAccount${saNote(ctx)}, not from the Pod.`,
          );
        else if (POD_NAMES.includes(n)) typo(ctx, a, s, 'the Pod');
        continue;
      }
      if (SA_ONLY.includes(exact)) {
        ctx.report(
          'irsa-annotation-misplaced',
          a.keyNode,
          `${a.key} on a Pod has no effect: the webhook reads it only from the ServiceAccount${saNote(ctx)}. Move it to the ServiceAccount's annotations.`,
        );
        continue;
      }
      if (exact === 'token-expiration') checkTokenExpiration(ctx, a);
      if (exact === 'skip-containers' && a.value !== undefined && w?.containersKnown) {
        const names = new Set(w.containers.map((c) => c.name).filter((n): n is string => !!n));
        // handler.go getContainersToSkip reads the value with encoding/csv, which keeps spaces around names.
        for (const raw of a.value.split(',')) {
          const n = raw.trim();
          if (n === '') continue;
          if (names.has(n)) {
            if (raw !== n)
              ctx.report(
                'irsa-skip-containers',
                a.valueNode,
                `eks.amazonaws.com/skip-containers: "${raw}" keeps its spaces (the webhook splits the value as CSV and does not trim), so it does not match container "${n}". Write the names without spaces: "${a.value
                  .split(',')
                  .map((x) => x.trim())
                  .join(',')}".`,
              );
            continue;
          }
          const guess = closest(n, names, 1)[0];
          ctx.report(
            'irsa-skip-containers',
            a.valueNode,
            `eks.amazonaws.com/skip-containers names "${n}", which is not a container of this Pod (${[...names].join(', ')})${guess ? ` — did you mean "${guess}"?` : ''}: nothing is skipped for it.`,
          );
        }
      }
    }
  },
};

function saNote(ctx: CheckContext): string {
  const w = workloadOf(ctx.obj);
  if (w?.serviceAccountNode && isUnknownNode(w.serviceAccountNode)) return '';
  return w?.serviceAccountName ? ` (${w.serviceAccountName})` : ' (here: the namespace\'s "default")';
}

export const IDENTITY_LOCAL_CHECKS: Check[] = [serviceAccountAnnotationsCheck, podAnnotationsCheck];
