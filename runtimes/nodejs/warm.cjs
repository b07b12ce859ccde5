// Imported by bootstrap.mjs in stem-cell mode to initialize the CommonJS-from-ESM loader before specialization.
module.exports = {};
