// Required by bootstrap.mjs in stem-cell mode to initialize the CommonJS loader before specialization.
module.exports = {};
