// The public surface of @app/panels. Other libs import only from here.
export * from './count';
