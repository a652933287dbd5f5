/**
 * docs/alb-annotations.md and docs/alb-actions.md stay in step with the code: every ALB code has a row, and
 * the IngressGroup / IngressClassParams table says for each annotation what the catalog says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ALB_ANNOTATIONS, groupCompareText, paramsText } from '../../../server/src/service/alb/annotations/catalog';
import { ANNOTATION_CODES } from '../../../server/src/service/alb/annotations/codes';
import { ACTIONS_CODES } from '../../../server/src/service/alb/actions/codes';
import { CLASS_PARAMS_CODES } from '../../../server/src/service/alb/classParams/codes';

const ROOT = path.join(__dirname, '..', '..', '..');
const annotationsDoc = fs.readFileSync(path.join(ROOT, 'docs', 'alb-annotations.md'), 'utf8');
const actionsDoc = fs.readFileSync(path.join(ROOT, 'docs', 'alb-actions.md'), 'utf8');

test('every annotation code has a row in docs/alb-annotations.md, every JSON code one in docs/alb-actions.md', () => {
  for (const c of [...ANNOTATION_CODES, ...CLASS_PARAMS_CODES])
    assert.match(annotationsDoc, new RegExp(`^\\| \`${c.code}\` \\| ${c.severity} \\|`, 'm'), c.code);
  for (const c of ACTIONS_CODES) assert.match(actionsDoc, new RegExp(`^\\| \`${c.code}\` \\|`, 'm'), c.code);
});

test("the IngressGroup table states each annotation's comparison and IngressClassParams field as the catalog does", () => {
  for (const e of ALB_ANNOTATIONS) {
    if (e.name === 'dry-run-plan') continue;
    const row = `| \`${e.name}\` | ${e.groupBehavior === 'N/A' ? '' : `**${e.groupBehavior}**: `}${groupCompareText(e)} | ${paramsText(e) ?? '—'} |`;
    assert.ok(annotationsDoc.includes(row), `docs/alb-annotations.md lacks or misstates the row:\n${row}`);
  }
});
