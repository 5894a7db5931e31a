import { createInProcessCounterStore } from '@switchyard/core';
import { describeCounterStoreContract } from './support/counter-store-contract.js';

describeCounterStoreContract('in-process', (clock) => Promise.resolve({ store: createInProcessCounterStore({ clock }), cleanup: () => Promise.resolve() }));
