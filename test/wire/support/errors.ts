import { WireError } from "../../../src/wire/index.js";

/** The WireError `fn` throws; fails the test on anything else. */
export function wireErrorOf(fn: () => unknown): WireError {
  try {
    fn();
  } catch (e) {
    if (e instanceof WireError) return e;
    throw e;
  }
  throw new Error("expected a WireError, but nothing was thrown");
}
