// The reference samples (test-plans/samples.ts) as module constants of the
// generated Python tests, and outcomes as Python arguments.
import type { Message } from "../../../../spec/model.js";
import type { Printable } from "../../../index.js";
import type { Refusal } from "../../../test-plans/outcome.js";
import { referenceSamples, type Samples as ReferenceSamples } from "../../../test-plans/samples.js";
import { pyStr } from "../code.js";
import type { Composite, PyModel } from "../model.js";
import { pyComposite, type TestModule } from "./support.js";

export interface Samples extends ReferenceSamples {
  /** The module constant holding it: `SAMPLE_HELLO_ACK`. */
  constant(message: Message): string;
  /** Prints `SAMPLE_<NAME> = <Cls>(...)` for every message. */
  print(t: TestModule): void;
}

export function samples(model: PyModel): Samples {
  const reference = referenceSamples(model.spec);
  const constant = (m: Message): string => `SAMPLE_${model.constant(m.name)}`;
  return {
    ...reference,
    constant,
    print(t) {
      for (const m of model.spec.messages) {
        const c = model.composite(m.name) as Composite;
        t.f.print(constant(m), " = ", pyComposite(t, c, reference.value(m), true));
      }
    },
  };
}

/** A refusal's code and path as Python arguments. */
export function outcomeArgs(o: Refusal): Printable {
  return [pyStr(o.code), ", ", o.path === undefined ? "None" : pyStr(o.path)];
}
