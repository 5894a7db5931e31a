// Public API of @switchyard/store-postgres. Each concern adds its own export line.
export {};
