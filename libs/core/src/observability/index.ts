export * from './http-observability';
export * from './logger';
export * from './metrics';
export * from './request-scope';
