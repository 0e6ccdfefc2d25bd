// The offline architect's public surface.
export { designSpec, type DesignOptions, type DesignResult } from "./design-spec.js";
export { DesignError, type DesignErrorCode } from "./errors.js";
export { analyse, type Analysis } from "./analyse.js";
