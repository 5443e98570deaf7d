export * from './auth';
export * from './errors';
export * from './i18n';
export * from './lists';
export * from './portal';
