// Sample messages for the generated tests: the reference's "text" samples
// (non-ASCII strings, one item per list, optionals present; wire format
// section 12), with what the reference codec says about variations of them.
import type { Message } from "../../../../spec/model.js";
import { createCodec, WireError, type Codec, type WireObject } from "../../../../wire/index.js";
import { fittingSample } from "../../../../wire/vectors/valid-cases.js";
import type { Printable } from "../../../index.js";
import { pyStr } from "../code.js";
import type { Composite, PyModel } from "../model.js";
import { pyComposite, type TestModule } from "./support.js";

export interface Samples {
  readonly codec: Codec;
  /** The sample of a message (a valid value within every constraint). */
  value(message: Message): WireObject;
  /** The module constant holding it: `SAMPLE_HELLO_ACK`. */
  constant(message: Message): string;
  /** Prints `SAMPLE_<NAME> = <Cls>(...)` for every message. */
  print(t: TestModule): void;
}

export function samples(model: PyModel): Samples {
  const codec = createCodec(model.spec);
  const values = new Map(model.spec.messages.map((m) => [m.name, fittingSample(codec, m, "text", true)]));
  const value = (m: Message): WireObject => values.get(m.name) as WireObject;
  const constant = (m: Message): string => `SAMPLE_${model.constant(m.name)}`;
  return {
    codec,
    value,
    constant,
    print(t) {
      for (const m of model.spec.messages) {
        const c = model.composite(m.name) as Composite;
        t.f.print(constant(m), " = ", pyComposite(t, c, value(m), true));
      }
    },
  };
}

export type Outcome = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly path: string | undefined };

/** What the reference does with `run`: succeeds, or fails with a code and path. */
export function outcome(run: () => unknown): Outcome {
  try {
    run();
    return { ok: true };
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
    return { ok: false, code: e.code, path: e.path };
  }
}

/** An outcome's code and path as Python arguments. */
export function outcomeArgs(o: Outcome & { readonly ok: false }): Printable {
  return [pyStr(o.code), ", ", o.path === undefined ? "None" : pyStr(o.path)];
}
