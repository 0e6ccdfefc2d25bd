// The isolation suite under util-linux unshare alone, the mode of a fresh
// host without bubblewrap (forced here by hiding bubblewrap from the probe).
import { describeIsolatedRunner } from "./isolated-suite.js";

describeIsolatedRunner("namespaces");
