// The emitters protoforge ships, in one registry.
import { EmitterRegistry } from "./language.js";
import { pythonEmitter } from "./python/index.js";

export function createEmitterRegistry(): EmitterRegistry {
  return new EmitterRegistry([pythonEmitter]);
}
