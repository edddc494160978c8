export { createServer, answerError, assignRequestId, type Handler, type PreRoute, type ServerApp, type ServerOptions } from './create-server';
export { listen, type RunningServer } from './http-server';
export { HttpProblem, sendProblem, type Problem } from './problem';
export { readConfig, env, commonSchema, ConfigError, type CommonConfig, type ConfigOf, type Environment } from './config';
export { createLogger, type Logger } from './logger';
export { specPath, publicDir, projectRoot, packageVersion } from './project-files';
export { PRISM_SOURCE_HEADER } from './prism-fallback';
export { openSqlite, type SqliteDatabase, type StorageLocation } from './sqlite';
export { mountStaticPage, pageSecurityPolicy, type StaticPage } from './static-page';
