export * from './rank';
export * from './chunk';
export * from './search';
export * from './links';
export * from './recent';
export * from './pinned';
export * from './experiment-names';
