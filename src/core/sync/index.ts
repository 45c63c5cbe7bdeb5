/** The team-server contract shared by the server and the studio. */
export * from './types';
export * from './roles';
