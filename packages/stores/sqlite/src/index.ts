// Public API of @switchyard/store-sqlite. Each concern adds its own export line.
export {};
