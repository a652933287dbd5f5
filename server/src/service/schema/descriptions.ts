/**
 * Short descriptions, in our own words, of the fields EKS users touch most. Keyed by the definition that
 * owns the field (our short name, e.g. core.v1.Container) and the field name.
 */
import { NO_ENV, type ServiceEnv } from '../env';
const OURS: Record<string, string> = {
  'apps.v1.DeploymentSpec.replicas':
    'How many Pods the Deployment keeps running. Leave it out when a HorizontalPodAutoscaler scales the Deployment.',
  'apps.v1.DeploymentSpec.selector':
    'Which Pods belong to this Deployment. Must match the labels of `template.metadata.labels`; it cannot be changed after creation.',
  'apps.v1.DeploymentSpec.template': 'The Pod the Deployment creates: its labels and its spec (containers, volumes, scheduling).',
  'apps.v1.DeploymentSpec.strategy':
    'How Pods are replaced on a change: `RollingUpdate` (default, a few at a time) or `Recreate` (all stopped first).',
  'apps.v1.DeploymentSpec.minReadySeconds': 'Seconds a new Pod must be ready before it counts as available during a rollout.',
  'apps.v1.DeploymentSpec.revisionHistoryLimit': 'How many old ReplicaSets are kept for rollback (default 10).',
  'apps.v1.StatefulSetSpec.serviceName': 'The headless Service that gives each Pod its stable DNS name (`pod-0.<serviceName>`).',
  'apps.v1.StatefulSetSpec.volumeClaimTemplates':
    'PersistentVolumeClaims created per Pod (`<name>-<pod>`); on EKS they are usually EBS volumes of a gp3 StorageClass.',
  'core.v1.PodSpec.containers': 'The containers of the Pod. Each needs a unique `name` and an `image`.',
  'core.v1.PodSpec.initContainers':
    'Containers that run to completion, in order, before the main containers start. With `restartPolicy: Always` an init container is a sidecar that keeps running.',
  'core.v1.PodSpec.serviceAccountName':
    'The ServiceAccount the Pod runs as. On EKS this is how a Pod gets AWS permissions (IRSA role annotation or a Pod Identity association).',
  'core.v1.PodSpec.nodeSelector':
    'Node labels the Pod requires, e.g. `karpenter.sh/capacity-type: on-demand` or `eks.amazonaws.com/compute-type: auto`.',
  'core.v1.PodSpec.tolerations': 'Taints of nodes this Pod accepts (e.g. GPU or dedicated NodePools).',
  'core.v1.PodSpec.affinity': 'Rules that attract the Pod to nodes or spread it away from (or towards) other Pods.',
  'core.v1.PodSpec.topologySpreadConstraints':
    'Spread Pods across zones or nodes (`topologyKey: topology.kubernetes.io/zone`) so one failure does not take them all.',
  'core.v1.PodSpec.terminationGracePeriodSeconds':
    "Seconds between SIGTERM and SIGKILL when the Pod stops (default 30). Keep it below the NodePool's terminationGracePeriod.",
  'core.v1.PodSpec.volumes': 'Volumes the containers can mount: ConfigMaps, Secrets, PersistentVolumeClaims, emptyDir, projected tokens.',
  'core.v1.PodSpec.securityContext': 'Security settings for every container of the Pod (user, group, fsGroup, seccomp).',
  'core.v1.PodSpec.priorityClassName': 'The PriorityClass of the Pod: higher priority Pods are scheduled first and may preempt lower ones.',
  'core.v1.PodSpec.hostNetwork': "Run the Pod in the node's network namespace. NetworkPolicies do not apply to such Pods on EKS.",
  'core.v1.PodSpec.restartPolicy': 'When containers are restarted: `Always` (required for Deployments), `OnFailure` or `Never` (Jobs).',
  'core.v1.Container.name': "The container's name: a DNS-1123 label, unique within the Pod.",
  'core.v1.Container.image':
    'The container image, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2`. Pin a tag or digest rather than `latest`.',
  'core.v1.Container.imagePullPolicy':
    'When the kubelet pulls the image: `IfNotPresent`, `Always` or `Never`. Defaults to `Always` for `:latest` and `IfNotPresent` otherwise.',
  'core.v1.Container.command': 'Replaces the image\'s ENTRYPOINT. Not run in a shell: use `["sh", "-c", "…"]` for shell syntax.',
  'core.v1.Container.args': "Replaces the image's CMD (the arguments of the entrypoint).",
  'core.v1.Container.ports':
    'Ports the container listens on. Informational for Services (they target the port), but named ports can be referenced by name. Keyed by `containerPort` + `protocol`.',
  'core.v1.Container.env': "Environment variables, as values or read from ConfigMaps, Secrets or the Pod's own fields. Keyed by `name`.",
  'core.v1.Container.envFrom': 'All keys of a ConfigMap or Secret as environment variables.',
  'core.v1.Container.resources':
    'CPU and memory requests (what the scheduler reserves) and limits (the ceiling). Karpenter and Auto Mode size nodes from the requests.',
  'core.v1.Container.livenessProbe': 'The kubelet restarts the container when this check keeps failing.',
  'core.v1.Container.readinessProbe': 'The Pod receives traffic from Services (and the ALB target group) only while this check passes.',
  'core.v1.Container.startupProbe': 'Holds the other probes back until the application has started.',
  'core.v1.Container.volumeMounts': "Where the Pod's volumes appear in this container. Keyed by `mountPath`.",
  'core.v1.Container.securityContext': 'Security settings of this container (non-root, read-only root filesystem, capabilities).',
  'core.v1.Container.lifecycle': 'Hooks run after start and before stop (a `preStop` sleep lets load balancers drain).',
  'core.v1.ContainerPort.containerPort': 'The port number the container listens on (1–65535).',
  'core.v1.ContainerPort.name': 'A name for the port (at most 15 characters) that Services can target instead of the number.',
  'core.v1.ContainerPort.protocol': '`TCP` (default), `UDP` or `SCTP`.',
  'core.v1.ServiceSpec.type':
    '`ClusterIP` (default, in-cluster only), `NodePort`, `LoadBalancer` (an NLB through the AWS Load Balancer Controller or EKS Auto Mode) or `ExternalName`.',
  'core.v1.ServiceSpec.selector': "Labels of the Pods that receive the Service's traffic.",
  'core.v1.ServiceSpec.ports': 'The ports the Service exposes and where they go (`targetPort`).',
  'core.v1.ServiceSpec.loadBalancerClass':
    'Which controller provisions the load balancer: `service.k8s.aws/nlb` for the AWS Load Balancer Controller, `eks.amazonaws.com/nlb` for EKS Auto Mode.',
  'core.v1.ServicePort.port': 'The port the Service listens on.',
  'core.v1.ServicePort.targetPort': 'The Pod port traffic goes to: a number or the name of a container port. Defaults to `port`.',
  'core.v1.ServicePort.name': 'Required when the Service has more than one port; Ingress backends can refer to it.',
  'core.v1.ResourceRequirements.requests':
    'What the scheduler reserves for the container: `cpu` (e.g. `250m`) and `memory` (e.g. `512Mi`).',
  'core.v1.ResourceRequirements.limits':
    'The ceiling: above its memory limit the container is killed, above its CPU limit it is throttled.',
  'meta.v1.ObjectMeta.name': "The object's name, unique per kind within its namespace.",
  'meta.v1.ObjectMeta.namespace': 'The namespace of the object; when left out, the one of `kubectl -n` or the context applies.',
  'meta.v1.ObjectMeta.labels':
    'Key/value pairs that selectors match (Services, Deployments, NetworkPolicies). Values are strings: quote numbers and booleans.',
  'meta.v1.ObjectMeta.annotations':
    'Key/value settings read by tools and controllers (e.g. `alb.ingress.kubernetes.io/*`). Values are strings.',
  'networking.v1.IngressSpec.ingressClassName':
    'The IngressClass: `alb` for the AWS Load Balancer Controller (or the class EKS Auto Mode defines).',
  'networking.v1.IngressSpec.rules': 'Host and path rules routing to Services.',
  'networking.v1.IngressSpec.tls':
    'TLS hosts; with the AWS Load Balancer Controller the certificate comes from ACM (annotation or discovery), not from the Secret.',
  'batch.v1.JobSpec.backoffLimit': 'How many times failed Pods are retried before the Job fails (default 6).',
  'batch.v1.CronJobSpec.schedule':
    "When the Job runs, in cron syntax (`0 3 * * *`), in the controller's time zone unless `timeZone` is set.",
  'autoscaling.v2.HorizontalPodAutoscalerSpec.minReplicas': 'The fewest replicas the autoscaler keeps (default 1).',
  'autoscaling.v2.HorizontalPodAutoscalerSpec.maxReplicas': 'The most replicas the autoscaler creates.',
  'policy.v1.PodDisruptionBudgetSpec.minAvailable':
    'Pods that must stay up during voluntary disruptions (node drains, Karpenter consolidation): a number or a percentage.',
  'policy.v1.PodDisruptionBudgetSpec.maxUnavailable':
    'Pods that may be down at once during voluntary disruptions: a number or a percentage.',
};

/**
 * The description of a field: ours when we wrote one, else the upstream one the host provides (read at build
 * time from @kubernetes/client-node, never committed). `owner` is the definition (`core.v1.ContainerPort`);
 * client-node names its model `V1ContainerPort`, or `AdmissionregistrationV1ServiceReference` where two groups
 * share a name.
 */
export function describeField(owner: string | undefined, field: string, env: ServiceEnv = NO_ENV): string | undefined {
  if (!owner) return undefined;
  const ours = OURS[`${owner}.${field}`];
  if (ours || !env.fieldDescription) return ours;
  const m = /^([\w]+)\.(v\d+(?:(?:alpha|beta)\d+)?)\.(\w+)$/.exec(owner);
  if (!m) return undefined;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return env.fieldDescription(`${cap(m[1])}${cap(m[2])}${m[3]}`, field) ?? env.fieldDescription(`${cap(m[2])}${m[3]}`, field);
}
