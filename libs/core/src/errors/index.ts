export * from './catalogue';
export * from './catalogue-docs';
export * from './domain-error';
export * from './format-error';
export * from './http-exception.filter';
export * from './localize-error';
