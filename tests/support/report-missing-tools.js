/** jest globalTeardown: see system-tools.js. */
module.exports = require('./system-tools').reportMissingTools;
