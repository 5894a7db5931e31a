// Public API of @switchyard/store-redis. Each concern adds its own export line.
export {};
