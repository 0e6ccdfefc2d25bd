// The name rules of a spec, shared by the schema of each section.

export const TYPE_NAME = /^[A-Z][A-Za-z0-9]*$/;
export const SNAKE_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const PROTOCOL_NAME = /^[a-z][a-z0-9_-]*$/;
export const REQUIREMENT_ID = /^[A-Z][A-Z0-9]*-?[0-9]+$/;
