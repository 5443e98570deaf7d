export * from './auth';
export * from './desk';
export * from './errors';
export * from './i18n';
export * from './kb';
export * from './lists';
export * from './mail';
export * from './portal';
