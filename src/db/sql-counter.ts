import { Counter } from 'prom-client';

/**
 * Every SQL statement the process executes, whether through the query layer (`Sql`) or TypeORM
 * (migrations). Registered on the HTTP metrics registry; tests read it to prove there is no N+1.
 */
export const sqlStatements = new Counter({
  name: 'quipu_sql_statements_total',
  help: 'SQL statements executed by this process',
  registers: [],
});
