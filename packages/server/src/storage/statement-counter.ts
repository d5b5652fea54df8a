import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * Counts the statements this process sends to the database, reads and writes apart: the tests assert how many a
 * token path costs (issue, re-scope, validation). One integer increment per statement, in Kysely's query
 * transform, which runs once for every statement executed (transaction BEGIN/COMMIT are not statements here).
 */
export class StatementCounter implements KyselyPlugin {
  /** SELECTs (and raw SQL, which the paths counted here do not use for writes). */
  reads = 0;
  /** INSERT, UPDATE, DELETE, MERGE. */
  writes = 0;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (isWrite(args.node)) this.writes += 1;
    else this.reads += 1;
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

function isWrite(node: RootOperationNode): boolean {
  switch (node.kind) {
    case 'InsertQueryNode':
    case 'UpdateQueryNode':
    case 'DeleteQueryNode':
    case 'MergeQueryNode':
      return true;
    default:
      return false;
  }
}
