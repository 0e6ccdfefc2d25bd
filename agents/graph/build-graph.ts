// The LangGraph workflow: four nodes that talk only through the state, and
// conditional edges that follow each step's routing decision (routing.ts).
//
//   START → architect → coder → tester → reviewer → END
//                         ▲        │         │
//                         └────────┴─────────┘   (repairs, while budget is left and not stuck)
import { END, START, StateGraph } from "@langchain/langgraph";
import type { WorkflowDeps } from "./deps.js";
import { architectNode } from "./nodes/architect-node.js";
import { coderNode } from "./nodes/coder-node.js";
import { reviewerNode } from "./nodes/reviewer-node.js";
import { testerNode } from "./nodes/tester-node.js";
import { WorkflowStateAnnotation, type WorkflowState } from "./state.js";

type Target = "coder" | "tester" | "reviewer" | typeof END;

/** Follows the decision the step recorded; a decision the graph has no edge for ends the run. */
function follow(allowed: readonly Target[]) {
  return (state: WorkflowState): Target => {
    const target: Target = state.next === "end" ? END : state.next;
    return allowed.includes(target) ? target : END;
  };
}

export function buildWorkflowGraph(deps: WorkflowDeps) {
  return new StateGraph(WorkflowStateAnnotation)
    .addNode("architect", architectNode(deps))
    .addNode("coder", coderNode(deps))
    .addNode("tester", testerNode(deps))
    .addNode("reviewer", reviewerNode(deps))
    .addEdge(START, "architect")
    .addConditionalEdges("architect", follow(["coder", END]), ["coder", END])
    .addConditionalEdges("coder", follow(["tester", END]), ["tester", END])
    .addConditionalEdges("tester", follow(["reviewer", "coder", END]), ["reviewer", "coder", END])
    .addConditionalEdges("reviewer", follow(["coder", END]), ["coder", END]);
}

/** LangGraph's own bound on steps: the architect plus three steps per round, with room to spare. */
export function recursionLimitFor(maxRounds: number): number {
  return 3 * maxRounds + 5;
}
