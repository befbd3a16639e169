export * from './swedish.ts';
