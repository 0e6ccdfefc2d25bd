// The server every robustness test runs against (a small rate limit, so
// that a flood exceeds it at once) and the probe of a fresh client.
import type { FileBuilder } from "../../printer.js";
import type { TransportContext } from "./context.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { printProbeMethod } from "./test-support.js";

/** The rate limit of the robustness tests' server: small, so that a flood of 30 exceeds it at once. */
const TEST_RATE = "(2.0, 4)";

export function serverSetup(f: FileBuilder, ctx: TransportContext, plan: TestPlan, b: Bindings, extraSetup = "", extraTeardown = ""): void {
  printTemplate(
    f,
    `
    async def asyncSetUp(self) -> None:
        self.server = «Server»(options=«ServerOptions»(rate_limit=${TEST_RATE}))
        await self.server.start()${extraSetup}

    async def asyncTearDown(self) -> None:${extraTeardown}
        await «asyncio».wait_for(self.server.close(), TIMEOUT)
    `,
    b,
  );
  f.print();
  printProbeMethod(f, ctx, plan, b);
}

