/** Cross-document checks of the actions JSON: the Services that forward target groups name. */
import type { Check } from '../../checks/types';
import { servicePorts } from '../../model/service';
import { closest } from '../../catalog/types';
import { DEPLOYMENT_READS } from '../../workspace/deployment';
import { missingServiceDoubt, servicesNamed, SERVICE_READS } from '../annotations/model';
import { albJsonAnnotations, present } from './model';
import { reporter } from './walk';

/** Services named by forward target groups: do they exist in the namespace, with that port? */
export const actionsServiceCheck: Check = {
  id: 'alb.actionsServices',
  scope: 'workspace',
  reads: [...SERVICE_READS, ...DEPLOYMENT_READS],
  appliesTo: (o) => o.kind === 'Ingress',
  run(ctx) {
    const ns = ctx.obj.namespace;
    for (const a of albJsonAnnotations(ctx.obj)) {
      if (a.kind !== 'actions' || !a.ej?.root || a.ej.errors.length) continue;
      const r = reporter(ctx, a, a.ej);
      const tgs = present(present(a.ej.root, 'forwardConfig'), 'targetGroups');
      if (tgs?.type !== 'array') continue;
      if (!ctx.index.hasKindIn('Service', ns)) continue; // no Services here at all: nothing to compare with
      for (const tg of tgs.children ?? []) {
        const svcN = present(tg, 'serviceName');
        if (svcN?.type !== 'string') continue;
        const name = svcN.value as string;
        const found = servicesNamed(ctx.index, name, ns);
        if (!found.length) {
          // The workspace may not hold it (see missingServiceDoubt): no finding when a templated Service
          // deployed with this Ingress may be it; information when the namespace's Services come from elsewhere.
          const doubt = missingServiceDoubt(ctx.index, ctx.obj, [ns]);
          if (doubt === null) continue;
          const guess = closest(
            name,
            ctx.index
              .byKind('Service')
              .filter((s) => (s.name && s.namespace === ns) || !s.namespace || !ns)
              .map((s) => s.name!),
            1,
          )[0];
          const fix = guess ? r.replaceString(svcN, guess, `Change to "${guess}"`) : undefined;
          r.report(
            'alb-action-service-missing',
            svcN,
            `No Service "${name}" in ${ns ? `namespace ${ns}` : 'the workspace'}: the controller fails to build this action${guess ? `. Did you mean "${guess}"?` : ''}${doubt ? ` (it may exist outside the workspace: ${doubt})` : ''}`,
            { fixes: fix ? [fix] : undefined, severity: doubt ? 'info' : undefined },
          );
          continue;
        }
        const portN = present(tg, 'servicePort');
        if (!portN || (portN.type !== 'string' && portN.type !== 'number')) continue;
        const want = String(portN.value);
        const ports = servicePorts(found[0]) ?? [];
        if (!ports.length) continue;
        const ok = ports.some((p) => (/^\d+$/.test(want) ? String(p.port) === want : p.name === want));
        if (!ok)
          r.report(
            'alb-action-service-missing',
            portN,
            `Service "${name}" has no port ${/^\d+$/.test(want) ? want : `named "${want}"`} (it has ${ports.map((p) => (p.name ? `${p.port}/${p.name}` : String(p.port))).join(', ')})`,
          );
      }
    }
  },
};
