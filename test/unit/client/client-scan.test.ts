/** The line scan behind the `eksManifests.inNetworkPolicy` context key (Explain NetworkPolicy is offered there only). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkPolicyRanges } from '../../../client/src/commands/documentScan';

const cases: [string, string, [number, number][]][] = [
  ['one policy', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\n', [[0, 3]]],
  ['the second of three documents', 'kind: Service\n---\nkind: NetworkPolicy\nspec: {}\n---\nkind: Deployment\n', [[2, 3]]],
  // the last document runs to the end of the text, the empty line after the final newline included
  ['quoted kind and a comment', "---\nkind: 'NetworkPolicy' # deny all\n", [[1, 2]]],
  ['a JSON document', '{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy"}\n', [[0, 1]]],
  // silent on the right form
  ['a nested kind is not the document kind', 'kind: Role\nrules:\n  - kind: NetworkPolicy\n', []],
  ['another kind whose name contains it', 'kind: NetworkPolicyList\n', []],
  ['CRLF line ends', 'kind: Service\r\n---\r\nkind: NetworkPolicy\r\n', [[2, 3]]],
];
for (const [name, text, want] of cases) test(name, () => assert.deepEqual(networkPolicyRanges(text), want));
