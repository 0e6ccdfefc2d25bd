// The emitters protoforge ships, in one registry.
import { javascriptEmitter } from "./javascript/index.js";
import { EmitterRegistry } from "./language.js";
import { pythonEmitter } from "./python/index.js";

export function createEmitterRegistry(): EmitterRegistry {
  return new EmitterRegistry([pythonEmitter, javascriptEmitter]);
}
