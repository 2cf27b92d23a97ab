export * from './auth';
export * from './break-glass';
export * from './envelope';
export * from './errors';
export * from './password-policy';
export * from './permissions';
export * from './roles';
export * from './users';
