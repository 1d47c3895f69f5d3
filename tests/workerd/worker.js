// A Worker that loads the package's workerd entry and answers every fetch with the shared
// scenario's summary as JSON. (workerd has no node_modules resolution, so the entry is imported
// by path; the package's `workerd` export condition points at the same file.)
import * as simile from "../../js/workerd.js";
import { runScenario } from "../js/scenario.mjs";

export default {
  async fetch() {
    try {
      return Response.json({ ok: true, summary: runScenario(simile) });
    } catch (err) {
      return Response.json({ ok: false, error: String(err?.stack ?? err) }, { status: 500 });
    }
  },
};
