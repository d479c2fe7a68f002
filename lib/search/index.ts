export * from './escape';
export * from './run-id';
export * from './rank';
export * from './chunk';
export * from './search';
export * from './links';
export * from './recent';
