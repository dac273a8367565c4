// Reading PostgreSQL's EXPLAIN (FORMAT JSON) plans: every Seq Scan node, with its table.

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Plan Rows'?: number;
  Plans?: PlanNode[];
}

export interface PlanFinding {
  table: string;
  rows: number;
  sql: string;
}

/** The Seq Scan nodes of a plan (including sub-plans and CTEs), as findings on `sqlText`. */
export function seqScansOf(plan: PlanNode, sqlText: string): PlanFinding[] {
  const out: PlanFinding[] = [];
  const walk = (n: PlanNode) => {
    if (n['Node Type'] === 'Seq Scan' && n['Relation Name'])
      out.push({ table: n['Relation Name'], rows: n['Plan Rows'] ?? 0, sql: sqlText });
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(plan);
  return out;
}
