/**
 * The schema engine leaves some kinds to the domain modules entirely. Where both report on one line, the
 * engine keeps the domain's finding (the schema codes are `generic`: engine/dedupe.ts).
 */

/**
 * Kinds whose whole schema a domain module already checks (with its own codes and deeper messages): the
 * schema engine leaves them to it (no findings, no completion, no hover). group/kind.
 */
export const DOMAIN_SCHEMA_KINDS = new Set(['karpenter.sh/NodePool', 'eks.amazonaws.com/NodeClass', 'networking.k8s.io/NetworkPolicy']);
