/**
 * Imported first by the CLI and the programmatic API: on Node 22.1 and later, Node keeps the
 * code it compiles in a cache on disk (in the system's temp folder; NODE_DISABLE_COMPILE_CACHE=1
 * turns it off), so every start after the first skips most of the compiling. Older Node
 * versions lack the call and start as before.
 */
import nodeModule from 'node:module';

nodeModule.enableCompileCache?.();
