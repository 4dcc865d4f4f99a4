import { openDatabase } from '../src/db/data-source';

describe('database schema', () => {
  it('the migrations create exactly the schema the entities describe', async () => {
    const { dataSource } = await openDatabase(':memory:');
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
