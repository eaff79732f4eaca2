export * from './catalogue';
export * from './domain-error';
export * from './format-error';
export * from './http-exception.filter';
