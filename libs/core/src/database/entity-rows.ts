import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

interface MappedColumn {
  property: string;
  key: string;
  metadata: ColumnMetadata;
  /** Whether the driver's value is the entity's as it is (node-postgres already parsed it). */
  asIs: boolean;
}

// Types node-postgres parses into the value TypeORM's hydration would give; a `date`, for one,
// is not among them (TypeORM turns it into a 'YYYY-MM-DD' string).
const AS_IS_TYPES = new Set<unknown>([
  'uuid',
  'text',
  'varchar',
  'character varying',
  'char',
  'character',
  'integer',
  'int',
  'int4',
  'smallint',
  'boolean',
  'bool',
  'jsonb',
  'json',
  'timestamptz',
  'timestamp with time zone',
]);

/**
 * Entities read with hand-written SQL: a select list built from the entity's column metadata and
 * a mapping of the rows back, value by value through the driver's own conversion (dates, JSON,
 * transformers), so an entity read here equals one read through a repository.
 *
 * For the hottest reads only (the docket list and its batched fields): there TypeORM's query
 * building and hydration were the largest part of the API's own CPU time (bench/RESULTS.md). Every
 * other read stays with repositories and query builders.
 */
export class EntityRows<E extends ObjectLiteral, K extends keyof E & string = keyof E & string> {
  private mapped: { columns: MappedColumn[]; create: () => Record<string, unknown> } | null = null;
  private readonly selects = new Map<string, string>();

  /**
   * @param prefix names the columns of this entity in a row (`m_` for a joined member), so
   *   that two entities can be read from one row.
   * @param only the properties to read (default all); the others stay undefined.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly target: EntityTarget<E>,
    private readonly prefix = '',
    private readonly only?: readonly K[],
  ) {}

  // From the metadata, on first use: a service is made before its data source is initialised.
  private get columns(): { columns: MappedColumn[]; create: () => Record<string, unknown> } {
    if (this.mapped) return this.mapped;
    const metadata = this.dataSource.getMetadata(this.target);
    const only = this.only;
    const chosen = only ? metadata.columns.filter((c) => only.includes(c.propertyName as K)) : metadata.columns;
    if (only && chosen.length !== only.length) {
      const known = new Set(metadata.columns.map((c) => c.propertyName));
      throw new Error(`${metadata.name} has no column ${only.filter((p) => !known.has(p)).join(', ')}`);
    }
    this.mapped = {
      columns: chosen.map((c) => ({
        property: c.propertyName,
        key: `${this.prefix}${c.databaseName}`,
        metadata: c,
        asIs: AS_IS_TYPES.has(c.type) && !c.transformer,
      })),
      // As TypeORM makes them (its constructor defines every declared property).
      create: () => metadata.create() as Record<string, unknown>,
    };
    return this.mapped;
  }

  /** The select list for the entity's table under `alias`. */
  select(alias: string): string {
    let list = this.selects.get(alias);
    if (!list) {
      list = this.columns.columns.map((c) => `${alias}."${c.metadata.databaseName}" AS "${c.key}"`).join(', ');
      this.selects.set(alias, list);
    }
    return list;
  }

  /** The entity of a row read with {@link select}. */
  from(row: Record<string, unknown>): Pick<E, K> {
    const { columns, create } = this.columns;
    const entity = create();
    const driver = this.dataSource.driver;
    for (const c of columns) {
      const value = row[c.key];
      entity[c.property] = c.asIs ? value : driver.prepareHydratedValue(value, c.metadata);
    }
    return entity as Pick<E, K>;
  }

  /** Runs a statement that selects this entity and maps its rows. */
  async read(sql: string, values: unknown[]): Promise<Pick<E, K>[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(sql, values);
    return rows.map((row) => this.from(row));
  }
}

/** Positional parameters of a hand-written statement: `add(value)` gives its `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
