// Imported by bootstrap.mjs in stem-cell mode to initialize the ESM loader before specialization.
export {};
