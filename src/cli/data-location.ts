import path from 'node:path';
import { commonSchema, readConfig } from '../kit';

/** Where the servers started here keep their data: DATA_DIR is relative to the folder standin was started in, so it is said in full. */
export function whereDataGoes(): string {
  const { storage, dataDir } = readConfig({ storage: commonSchema.storage, dataDir: commonSchema.dataDir });
  if (storage === 'memory') return 'data is kept in memory (STORAGE=memory): nothing survives a stop';
  return `data in ${path.resolve(dataDir)} (DATA_DIR; kept across restarts)`;
}
