// @switchyard/core/testing: helpers for testing provider plugins and stages.
export { testDeployment, type TestDeploymentOptions } from './test-deployment.js';
