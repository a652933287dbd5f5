/** NodePool fixtures shared by the NodePool unit, LSP and CLI tests (our own small manifests). */

/**
 * An EKS Auto Mode NodePool `general` (nodeClassRef: the NodeClass `default`): this head, then `rest`, the
 * requirement items (indented eight spaces, under `requirements:`) and whatever follows them.
 */
export const autoNodePool = (rest: string): string => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: general
spec:
  template:
    spec:
      nodeClassRef:
        group: eks.amazonaws.com
        kind: NodeClass
        name: default
      requirements:
${rest}`;
