import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

export interface Statement {
  sql: string;
  parameters: unknown[];
}

type QueryFn = (this: PostgresQueryRunner, query: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;

/**
 * Records every statement TypeORM sends to PostgreSQL while `capture` runs (one request at a
 * time: nothing else may be in flight). Wraps `PostgresQueryRunner.prototype.query`, through which
 * repositories, query builders and `DataSource.query` all go.
 */
export class SqlCapture {
  private readonly original: QueryFn;
  private recording: Statement[] | null = null;

  constructor() {
    const proto = PostgresQueryRunner.prototype as unknown as { query: QueryFn };
    this.original = proto.query;
    const original = this.original;
    const record = (statement: Statement) => this.recording?.push(statement);
    proto.query = function (this: PostgresQueryRunner, query: string, parameters?: unknown[], structured?: boolean) {
      record({ sql: query, parameters: [...(parameters ?? [])] });
      return original.call(this, query, parameters, structured);
    };
  }

  async capture<T>(work: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
    if (this.recording) throw new Error('one capture at a time');
    this.recording = [];
    try {
      const result = await work();
      return { result, statements: this.recording };
    } finally {
      this.recording = null;
    }
  }

  restore(): void {
    (PostgresQueryRunner.prototype as unknown as { query: QueryFn }).query = this.original;
  }
}
